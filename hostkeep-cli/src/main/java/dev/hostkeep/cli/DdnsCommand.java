package dev.hostkeep.cli;

import dev.hostkeep.core.state.StateStore;
import dev.hostkeep.dns.ddns.ConfiguredDdns;
import dev.hostkeep.dns.ddns.detect.Answer;
import dev.hostkeep.dns.ddns.detect.Verdict;
import dev.hostkeep.dns.record.RecordValues;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "ddns",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "Keep DNS records pointed at this host's changing public address.",
    synopsisSubcommandLabel = "COMMAND")
final class DdnsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static ConfiguredDdns configured(Session session, String name) {
    return Entries.select(
        session,
        "ddns",
        ConfiguredDdns.class,
        name,
        ConfiguredDdns::entryNames,
        ConfiguredDdns::only);
  }

  @Command(
      name = "update",
      mixinStandardHelpOptions = true,
      versionProvider = VersionCommand.Provider.class,
      description = {
        "Detect this host's addresses and point every configured record at them.",
        "Made for cron and systemd timers: prints nothing when nothing changed. While the address",
        "equals the one last written, no provider is contacted at all; remembered values are",
        "checked against the provider every verify_every (default 24h) or with --force."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  hostkeep ddns update                 # every entry",
        "  hostkeep ddns update office --dry-run",
        "  hostkeep ddns update --force         # check every record at its provider now"
      })
  static final class Update implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "Only this ddns entry.")
    String name;

    @Option(
        names = "--dry-run",
        description = "Show the changes without making them (nothing is written, not even state).")
    boolean dryRun;

    @Option(
        names = "--force",
        description = "Look every record up at its provider instead of trusting remembered values.")
    boolean force;

    @Override
    public Integer call() {
      Session session = HostkeepCommand.session(spec);
      ConfiguredDdns ddns = configured(session, name);
      return new QuietRun(session, "ddns").run(ddns, dryRun, QuietRun.options(force, force));
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      versionProvider = VersionCommand.Provider.class,
      description = {
        "Per record: the address it holds (as last confirmed by the provider), when it last",
        "changed, when it was last checked, the last error, and the recent address changes."
      },
      footerHeading = "%nExamples:%n",
      footer = {"  hostkeep ddns status", "  hostkeep ddns status --json"})
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "Only this ddns entry.")
    String name;

    @Override
    public Integer call() {
      Session session = HostkeepCommand.session(spec);
      ConfiguredDdns ddns = configured(session, name);
      List<ConfiguredDdns.RecordStatus> status;
      try (StateStore state = session.readOnlyState()) {
        status = ddns.status(state);
      }
      if (session.json()) {
        List<Map<String, Object>> json = new ArrayList<>();
        for (var record : status) {
          Map<String, Object> r = new LinkedHashMap<>();
          r.put("entry", record.entry());
          r.put("record", record.record());
          r.put("address", record.address().orElse(null));
          r.put("changed", record.changedAt().map(Object::toString).orElse(null));
          r.put("verified", record.verifiedAt().map(Object::toString).orElse(null));
          r.put("last_error", record.lastError().map(session.redactor()::redact).orElse(null));
          r.put(
              "history",
              record.history().stream()
                  .map(h -> Map.of("at", h.at().toString(), "address", h.address()))
                  .toList());
          json.add(r);
        }
        Json.print(session.out(), Map.of("records", json));
        return 0;
      }
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"ENTRY", "RECORD", "ADDRESS", "CHANGED", "VERIFIED", "LAST ERROR"});
      for (var record : status) {
        rows.add(
            new String[] {
              record.entry(),
              record.record(),
              record.address().orElse("-"),
              record.changedAt().map(Object::toString).orElse("-"),
              record.verifiedAt().map(Object::toString).orElse("never"),
              record.lastError().map(session.redactor()::redact).orElse("-")
            });
      }
      Table.print(session.out(), rows);
      PrintWriter out = session.out();
      for (var record : status) {
        if (record.history().size() > 1) {
          out.println();
          out.println(record.record() + " (" + record.entry() + "), address changes:");
          for (var change : record.history()) {
            out.println("  " + change.at() + "  " + change.address());
          }
        }
      }
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "detect",
      mixinStandardHelpOptions = true,
      versionProvider = VersionCommand.Provider.class,
      description = {
        "Ask every configured address source what this host's address is, and show the verdict.",
        "Contacts no DNS provider and writes nothing. Exits 1 when a family has no verdict."
      },
      footerHeading = "%nExamples:%n",
      footer = {"  hostkeep ddns detect", "  hostkeep ddns detect office --json"})
  static final class Detect implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "Only this ddns entry.")
    String name;

    @Override
    public Integer call() {
      Session session = HostkeepCommand.session(spec);
      List<ConfiguredDdns.Detection> detections = configured(session, name).detect();
      boolean allDecided =
          detections.stream()
              .flatMap(d -> d.verdicts().stream())
              .allMatch(v -> v.address().isPresent());
      if (session.json()) {
        Json.print(session.out(), Map.of("entries", json(detections)));
      } else {
        print(session.out(), detections);
      }
      return allDecided ? 0 : 1;
    }

    private static void print(PrintWriter out, List<ConfiguredDdns.Detection> detections) {
      for (var detection : detections) {
        for (Verdict verdict : detection.verdicts()) {
          out.println(
              detection.entry()
                  + " "
                  + verdict.family().key()
                  + ": "
                  + verdict.address().map(DdnsCommand::text).orElse("no verdict")
                  + " ("
                  + verdict.explanation()
                  + ")");
          List<String[]> rows = new ArrayList<>();
          rows.add(new String[] {"  SOURCE", "ANSWER", "TIME"});
          for (Answer answer : verdict.answers()) {
            rows.add(
                new String[] {
                  "  " + answer.source(),
                  answer
                      .address()
                      .map(DdnsCommand::text)
                      .orElseGet(() -> "rejected: " + answer.problem().orElse("no answer")),
                  answer.took().toMillis() + " ms"
                });
          }
          Table.print(out, rows);
        }
      }
      out.flush();
    }

    private static List<Map<String, Object>> json(List<ConfiguredDdns.Detection> detections) {
      List<Map<String, Object>> out = new ArrayList<>();
      for (var detection : detections) {
        for (Verdict verdict : detection.verdicts()) {
          Map<String, Object> v = new LinkedHashMap<>();
          v.put("entry", detection.entry());
          v.put("family", verdict.family().key());
          v.put("address", verdict.address().map(DdnsCommand::text).orElse(null));
          v.put("explanation", verdict.explanation());
          List<Map<String, Object>> answers = new ArrayList<>();
          for (Answer answer : verdict.answers()) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("source", answer.source());
            a.put("address", answer.address().map(DdnsCommand::text).orElse(null));
            a.put("problem", answer.problem().orElse(null));
            a.put("millis", answer.took().toMillis());
            answers.add(a);
          }
          v.put("answers", answers);
          out.add(v);
        }
      }
      return out;
    }
  }

  private static String text(InetAddress address) {
    return RecordValues.format(address);
  }
}
