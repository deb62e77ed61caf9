package dev.hostkeep.cli;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.apply.ChangeOutcome;
import dev.hostkeep.core.capability.ConfiguredCapability;
import dev.hostkeep.core.config.Durations;
import dev.hostkeep.core.config.HostkeepConfig;
import dev.hostkeep.core.engine.Engine;
import dev.hostkeep.core.engine.Engine.ApplyResult;
import dev.hostkeep.core.plan.Guard;
import dev.hostkeep.core.plan.Plan;
import dev.hostkeep.core.secret.Redactor;
import dev.hostkeep.core.state.JournalEntry.Outcome;
import dev.hostkeep.core.state.StateStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    name = "apply",
    description = {
      "Plan, then apply the changes, per capability, under a lock so two hostkeep processes never",
      "work on the same capability at once. Each change is recorded with what its target confirmed;",
      "failed changes stay pending and are planned again next run.",
      "The guard refuses a plan that deletes or rewrites too much of a target (guard: in the config)",
      "or that would empty it, unless --force."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  hostkeep apply                       # asks before changing anything",
      "  hostkeep apply secondary --yes       # from cron or a systemd timer",
      "  hostkeep apply secondary --yes --force  # after checking a large deletion is intended"
    })
final class ApplyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "CAPABILITY",
      arity = "0..*",
      description = "Capabilities to apply (default: every configured one).")
  List<String> capabilities = new ArrayList<>();

  @Option(
      names = {"-y", "--yes"},
      description = "Apply without asking (required when stdin is not a terminal).")
  boolean yes;

  @Option(names = "--force", description = "Apply even if the guard refuses the plan.")
  boolean force;

  @Option(names = "--refresh", description = "Re-read every target instead of trusting caches.")
  boolean refresh;

  @Option(
      names = "--lock-wait",
      paramLabel = "DURATION",
      defaultValue = "10s",
      description =
          "How long to wait for another hostkeep run to finish (default ${DEFAULT-VALUE}).")
  String lockWait;

  @Override
  public Integer call() {
    Session session = HostkeepCommand.session(spec);
    Duration wait =
        Durations.parse(lockWait)
            .orElseThrow(
                () ->
                    HostkeepException.usage(
                        "--lock-wait must be a duration like 30s or 5m, got '" + lockWait + "'"));
    if (!yes && !session.terminal().stdinIsTerminal()) {
      throw HostkeepException.usage(
          "refusing to apply without --yes: stdin is not a terminal, so nobody can confirm");
    }
    HostkeepConfig config = session.config();
    List<ConfiguredCapability> selected =
        Engine.select(config, capabilities, session.plugins().capabilities().keySet());
    if (selected.isEmpty()) {
      session.out().println("Nothing is configured in " + config.origin() + ".");
      session.out().flush();
      return 0;
    }
    PlanPrinter printer = new PlanPrinter(session.out(), session.color(), session.redactor());
    Engine engine = session.engine();
    Engine.ApplyOptions options = new Engine.ApplyOptions(force, refresh, wait);
    List<ApplyResult> results = new ArrayList<>();
    try (StateStore state = session.state()) {
      for (ConfiguredCapability capability : selected) {
        results.add(
            engine.apply(
                capability, state, options, this::confirm, new Progress(session, printer)));
      }
    }
    if (session.json()) {
      Json.print(session.out(), json(results, printer, session.redactor()));
    } else {
      summary(session, results);
    }
    return Engine.exitCode(results).code();
  }

  private boolean confirm(Plan plan) {
    if (yes) {
      return true;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf("Apply these %d changes to %s? [y/N] ", plan.changes().size(), plan.capability());
    out.flush();
    try {
      String answer =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      return answer != null
          && List.of("y", "yes").contains(answer.strip().toLowerCase(Locale.ROOT));
    } catch (IOException e) {
      return false;
    }
  }

  /** Prints each plan before it is applied and each outcome as it happens. */
  private record Progress(Session session, PlanPrinter printer) implements Engine.Events {
    @Override
    public void planned(Plan plan, List<Guard.Refusal> refusals) {
      if (!session.json()) {
        printer.print(plan, refusals);
      }
    }

    @Override
    public void outcome(ChangeOutcome outcome) {
      if (session.json()) {
        return;
      }
      var change = outcome.change();
      String line =
          outcome.outcome() == Outcome.APPLIED
              ? "  done    " + change.target() + ": " + change.describe()
              : "  FAILED  "
                  + change.target()
                  + ": "
                  + change.describe()
                  + ": "
                  + outcome.message();
      synchronized (session.out()) {
        session.out().println(session.redactor().redact(line));
        session.out().flush();
      }
    }
  }

  private static void summary(Session session, List<ApplyResult> results) {
    PrintWriter out = session.out();
    for (ApplyResult result : results) {
      String line =
          switch (result.outcome()) {
            case NOTHING_TO_DO -> result.capability() + ": nothing to do.";
            case APPLIED ->
                result.capability()
                    + ": applied "
                    + result.report().count(Outcome.APPLIED)
                    + " changes.";
            case REFUSED ->
                result.capability()
                    + ": the guard refused the plan; nothing was changed. Check it, then use --force.";
            case DECLINED -> result.capability() + ": not applied.";
            case FAILED ->
                result.error() != null
                    ? result.capability() + ": failed: " + result.error()
                    : result.capability()
                        + ": "
                        + result.report().count(Outcome.APPLIED)
                        + " applied, "
                        + result.report().count(Outcome.FAILED)
                        + " failed (they stay pending and are retried next run).";
          };
      out.println(session.redactor().redact(line));
    }
    out.flush();
  }

  private static Map<String, Object> json(
      List<ApplyResult> results, PlanPrinter printer, Redactor redactor) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (ApplyResult result : results) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("capability", result.capability());
      json.put("outcome", result.outcome().name().toLowerCase(Locale.ROOT));
      json.put("error", redactor.redact(result.error()));
      json.put(
          "plan", result.plan() == null ? null : printer.json(result.plan(), result.refusals()));
      List<Map<String, Object>> outcomes = new ArrayList<>();
      if (result.report() != null) {
        for (ChangeOutcome outcome : result.report().outcomes()) {
          Map<String, Object> o = new LinkedHashMap<>();
          o.put("target", outcome.change().target());
          o.put("action", outcome.change().action().name().toLowerCase(Locale.ROOT));
          o.put("kind", outcome.change().kind());
          o.put("key", outcome.change().key());
          o.put("outcome", outcome.outcome().name().toLowerCase(Locale.ROOT));
          o.put("attempts", outcome.attempts());
          o.put("message", redactor.redact(outcome.message()));
          outcomes.add(o);
        }
      }
      json.put("outcomes", outcomes);
      list.add(json);
    }
    return Map.of("results", list);
  }
}
