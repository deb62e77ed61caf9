package dev.hostkeep.cli;

import dev.hostkeep.core.config.HostkeepConfig;
import dev.hostkeep.core.state.LockInfo;
import dev.hostkeep.core.state.RunRecord;
import dev.hostkeep.core.state.StateStore;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    name = "status",
    description = {
      "Show the state store, the last run of each capability, and the run locks held now.",
      "Reads only: the state is opened read-only."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  hostkeep status", "  hostkeep status --json"})
final class StatusCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Session session = HostkeepCommand.session(spec);
    HostkeepConfig config = session.config();
    try (StateStore state = session.readOnlyState()) {
      List<RunRecord> runs = state.latestRuns();
      List<LockInfo> locks = state.locks();
      if (session.json()) {
        Json.print(session.out(), json(config, state, runs, locks));
      } else {
        print(session.out(), config, state, runs, locks);
      }
    }
    return 0;
  }

  private static void print(
      PrintWriter out,
      HostkeepConfig config,
      StateStore state,
      List<RunRecord> runs,
      List<LockInfo> locks) {
    out.println("config:       " + config.origin());
    out.println(
        "capabilities: "
            + (config.capabilities().isEmpty()
                ? "(none configured)"
                : String.join(", ", config.capabilities().keySet())));
    out.println("state:        " + state.location() + " (schema " + state.schemaVersion() + ")");
    out.println();
    if (runs.isEmpty()) {
      out.println("No runs recorded yet.");
    } else {
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"CAPABILITY", "STARTED", "FINISHED", "RESULT", "APPLIED", "FAILED"});
      for (RunRecord run : runs) {
        rows.add(
            new String[] {
              run.capability(),
              time(run.startedAt()),
              run.finishedAt() == null ? "(running or died)" : time(run.finishedAt()),
              run.result() == null ? "-" : run.result(),
              String.valueOf(run.applied()),
              String.valueOf(run.failed())
            });
      }
      Table.print(out, rows);
    }
    out.println();
    if (locks.isEmpty()) {
      out.println("No run locks held.");
    } else {
      for (LockInfo lock : locks) {
        out.printf(
            "lock %s held by pid %d on %s since %s%n",
            lock.name(), lock.pid(), lock.host(), time(lock.acquiredAt()));
      }
    }
    out.flush();
  }

  private static String time(Instant instant) {
    return instant == null ? "-" : TIME.format(instant);
  }

  private static Map<String, Object> json(
      HostkeepConfig config, StateStore state, List<RunRecord> runs, List<LockInfo> locks) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("config", config.file().map(Object::toString).orElse(null));
    json.put("capabilities", List.copyOf(config.capabilities().keySet()));
    json.put("state", Map.of("location", state.location(), "schema", state.schemaVersion()));
    List<Map<String, Object>> runList = new ArrayList<>();
    for (RunRecord run : runs) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("capability", run.capability());
      r.put("mode", run.mode());
      r.put("host", run.host());
      r.put("pid", run.pid());
      r.put("started", String.valueOf(run.startedAt()));
      r.put("finished", run.finishedAt() == null ? null : run.finishedAt().toString());
      r.put("result", run.result());
      r.put("applied", run.applied());
      r.put("failed", run.failed());
      runList.add(r);
    }
    json.put("runs", runList);
    json.put(
        "locks",
        locks.stream()
            .map(
                l ->
                    Map.<String, Object>of(
                        "name", l.name(),
                        "host", l.host(),
                        "pid", l.pid(),
                        "acquired", l.acquiredAt().toString(),
                        "renewed", l.renewedAt().toString()))
            .toList());
    return json;
  }
}
