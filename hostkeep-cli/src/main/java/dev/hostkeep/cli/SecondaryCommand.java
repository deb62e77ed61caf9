package dev.hostkeep.cli;

import dev.hostkeep.core.ExitCode;
import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.capability.ConfiguredCapability;
import dev.hostkeep.core.config.HostkeepConfig;
import dev.hostkeep.core.config.Suggestions;
import dev.hostkeep.core.engine.Engine;
import dev.hostkeep.core.engine.Engine.ApplyResult;
import dev.hostkeep.core.engine.Engine.PlanResult;
import dev.hostkeep.core.state.JournalEntry.Outcome;
import dev.hostkeep.core.state.StateStore;
import dev.hostkeep.dns.secondary.ConfiguredSecondary;
import java.io.PrintWriter;
import java.time.Duration;
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
    name = "secondary",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "Keep secondary DNS services provisioned with every zone the primary serves.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {SecondaryCommand.Sync.class, SecondaryCommand.Status.class})
final class SecondaryCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static ConfiguredSecondary configured(Session session) {
    HostkeepConfig config = session.config();
    ConfiguredCapability capability = config.capabilities().get("secondary");
    if (!(capability instanceof ConfiguredSecondary secondary)) {
      throw HostkeepException.usage(
          "'secondary' is not configured in " + config.origin() + ": add a 'secondary:' section");
    }
    return secondary;
  }

  static ConfiguredSecondary select(ConfiguredSecondary secondary, String name) {
    if (name == null) {
      return secondary;
    }
    if (!secondary.entryNames().contains(name)) {
      throw HostkeepException.usage(
          "no secondary entry named '"
              + name
              + "'"
              + Suggestions.didYouMean(name, secondary.entryNames())
              + "; entries: "
              + String.join(", ", secondary.entryNames()));
    }
    return secondary.only(name);
  }

  @Command(
      name = "sync",
      mixinStandardHelpOptions = true,
      versionProvider = VersionCommand.Provider.class,
      description = {
        "Add the primary's zones to every secondary target and remove the ones it dropped.",
        "Made for cron: prints nothing when nothing changed, a short report when something did.",
        "Soft by default (no target is contacted while the zone list is unchanged); --refresh reads",
        "every target again and shows drift. The guard refuses mass removals unless --force."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  hostkeep secondary sync                  # every entry",
        "  hostkeep secondary sync ovh --dry-run    # what would change, nothing written",
        "  hostkeep secondary sync --refresh --force"
      })
  static final class Sync implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "Only this secondary entry.")
    String name;

    @Option(
        names = "--dry-run",
        description = "Show the changes without making them (nothing is written, not even state).")
    boolean dryRun;

    @Option(names = "--refresh", description = "Read every target again instead of trusting state.")
    boolean refresh;

    @Option(names = "--force", description = "Apply even if the guard refuses the plan.")
    boolean force;

    @Override
    public Integer call() {
      Session session = HostkeepCommand.session(spec);
      ConfiguredSecondary secondary = select(configured(session), name);
      PlanPrinter printer = new PlanPrinter(session.out(), session.color(), session.redactor());
      if (dryRun) {
        return dryRun(session, secondary, printer);
      }
      ApplyResult result;
      try (StateStore state = session.state()) {
        result =
            session
                .engine()
                .apply(
                    secondary,
                    state,
                    new Engine.ApplyOptions(force, refresh, Duration.ofSeconds(10)),
                    plan -> true,
                    new Engine.Events() {});
      }
      report(session, printer, result);
      return Engine.exitCode(List.of(result)).code();
    }

    private int dryRun(Session session, ConfiguredSecondary secondary, PlanPrinter printer) {
      PlanResult result;
      try (StateStore state = session.readOnlyState()) {
        result = session.engine().plan(List.of(secondary), state, refresh).getFirst();
      }
      if (result.failed()) {
        throw new HostkeepException("secondary: cannot plan: " + result.error());
      }
      if (session.json()) {
        Json.print(session.out(), printer.json(result.plan(), result.refusals()));
      } else if (!result.plan().isEmpty() || !result.plan().notes().isEmpty()) {
        printer.print(result.plan(), result.refusals());
      }
      return ExitCode.OK.code();
    }

    private static void report(Session session, PlanPrinter printer, ApplyResult result) {
      if (session.json()) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("outcome", result.outcome().name().toLowerCase());
        json.put("error", result.error());
        json.put(
            "plan", result.plan() == null ? null : printer.json(result.plan(), result.refusals()));
        Json.print(session.out(), json);
        return;
      }
      PrintWriter out = session.out();
      switch (result.outcome()) {
        case NOTHING_TO_DO -> {
          if (!result.plan().notes().isEmpty()) {
            printer.print(result.plan(), result.refusals());
          }
        }
        case REFUSED -> {
          printer.print(result.plan(), result.refusals());
          session
              .err()
              .println("hostkeep: secondary: the guard refused the plan; nothing was changed");
        }
        case FAILED -> {
          if (result.report() == null) {
            throw new HostkeepException("secondary: " + result.error());
          }
          outcomes(out, session, result);
        }
        default -> outcomes(out, session, result);
      }
      out.flush();
      session.err().flush();
    }

    /** Lines printed per run before the report switches to counts (cron mails stay readable). */
    static final int REPORT_LINES = 100;

    private static void outcomes(PrintWriter out, Session session, ApplyResult result) {
      var outcomes = result.report().outcomes();
      int shown = 0;
      for (var outcome : outcomes) {
        if (outcome.outcome() == Outcome.APPLIED && shown >= REPORT_LINES) {
          continue;
        }
        var change = outcome.change();
        String line =
            change.target()
                + ": "
                + change.action().symbol()
                + " "
                + change.key()
                + (outcome.outcome() == Outcome.APPLIED ? "" : "  FAILED: " + outcome.message());
        out.println(session.redactor().redact(line));
        shown++;
      }
      long applied = result.report().count(Outcome.APPLIED);
      if (outcomes.size() > shown) {
        out.println(
            applied
                + " changes applied in all; "
                + (outcomes.size() - shown)
                + " more not listed (--json lists every change).");
      }
      long failed = result.report().count(Outcome.FAILED);
      if (failed > 0) {
        out.println(failed + " changes failed; they stay pending and are retried next run.");
      }
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      versionProvider = VersionCommand.Provider.class,
      description = "Per target: zones it serves (as confirmed), last full read, pending failures.",
      footerHeading = "%nExamples:%n",
      footer = {"  hostkeep secondary status", "  hostkeep secondary status --json"})
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Session session = HostkeepCommand.session(spec);
      ConfiguredSecondary secondary = configured(session);
      List<ConfiguredSecondary.TargetStatus> status;
      try (StateStore state = session.readOnlyState()) {
        status = secondary.status(state);
      }
      if (session.json()) {
        List<Map<String, Object>> json = new ArrayList<>();
        for (var target : status) {
          Map<String, Object> t = new LinkedHashMap<>();
          t.put("target", target.target());
          t.put("zones", target.zones());
          t.put("last_full_read", target.lastFullRead().map(Object::toString).orElse(null));
          t.put("pending_failures", target.pendingFailures());
          json.add(t);
        }
        Json.print(session.out(), Map.of("targets", json));
        return 0;
      }
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"TARGET", "ZONES", "LAST FULL READ", "PENDING FAILURES"});
      for (var target : status) {
        rows.add(
            new String[] {
              target.target(),
              String.valueOf(target.zones()),
              target.lastFullRead().map(Object::toString).orElse("never"),
              String.valueOf(target.pendingFailures().size())
            });
      }
      Table.print(session.out(), rows);
      for (var target : status) {
        for (String failure : target.pendingFailures()) {
          session.out().println("  " + target.target() + ": " + session.redactor().redact(failure));
        }
      }
      session.out().flush();
      return 0;
    }
  }
}
