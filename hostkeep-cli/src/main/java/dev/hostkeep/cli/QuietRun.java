package dev.hostkeep.cli;

import dev.hostkeep.core.ExitCode;
import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.capability.ConfiguredCapability;
import dev.hostkeep.core.engine.Engine;
import dev.hostkeep.core.engine.Engine.ApplyResult;
import dev.hostkeep.core.engine.Engine.PlanResult;
import dev.hostkeep.core.state.JournalEntry.Outcome;
import dev.hostkeep.core.state.StateStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One capability planned and applied without asking, the way cron runs it ({@code secondary sync},
 * {@code ddns update}): nothing printed when nothing changed, one line per change when something
 * did, notes and problems when there are any. {@code --dry-run} only plans, with the state opened
 * read-only.
 */
final class QuietRun {
  /** Lines printed per run before the report switches to counts (cron mails stay readable). */
  static final int REPORT_LINES = 100;

  private final Session session;
  private final String capability;
  private final PlanPrinter printer;

  QuietRun(Session session, String capability) {
    this.session = session;
    this.capability = capability;
    this.printer = new PlanPrinter(session.out(), session.color(), session.redactor());
  }

  int run(ConfiguredCapability configured, boolean dryRun, Engine.ApplyOptions options) {
    if (dryRun) {
      return dryRun(configured, options.refresh());
    }
    ApplyResult result;
    try (StateStore state = session.state()) {
      result =
          session.engine().apply(configured, state, options, plan -> true, new Engine.Events() {});
    }
    report(result);
    return Engine.exitCode(List.of(result)).code();
  }

  static Engine.ApplyOptions options(boolean force, boolean refresh) {
    return new Engine.ApplyOptions(force, refresh, Duration.ofSeconds(10));
  }

  private int dryRun(ConfiguredCapability configured, boolean refresh) {
    PlanResult result;
    try (StateStore state = session.readOnlyState()) {
      result = session.engine().plan(List.of(configured), state, refresh).getFirst();
    }
    if (result.failed()) {
      throw new HostkeepException(capability + ": cannot plan: " + result.error());
    }
    var plan = result.plan();
    if (session.json()) {
      Json.print(session.out(), printer.json(plan, result.refusals()));
    } else if (!plan.isEmpty() || !plan.notes().isEmpty() || !plan.problems().isEmpty()) {
      printer.print(plan, result.refusals());
    }
    return plan.problems().isEmpty() ? ExitCode.OK.code() : ExitCode.FAILURE.code();
  }

  private void report(ApplyResult result) {
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
            .println(
                "hostkeep: " + capability + ": the guard refused the plan; nothing was changed");
      }
      case FAILED -> {
        if (result.plan() == null) {
          throw new HostkeepException(capability + ": " + result.error());
        }
        if (result.report() != null) {
          outcomes(out, result);
        }
        for (String note : result.plan().notes()) {
          out.println("note: " + session.redactor().redact(note));
        }
        for (String problem : result.plan().problems()) {
          session
              .err()
              .println("hostkeep: " + capability + ": " + session.redactor().redact(problem));
        }
      }
      default -> outcomes(out, result);
    }
    out.flush();
    session.err().flush();
  }

  private void outcomes(PrintWriter out, ApplyResult result) {
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
              + (change.before() != null && change.after() != null
                  ? " " + change.before() + " → " + change.after()
                  : change.after() != null && !change.after().isEmpty() ? " " + change.after() : "")
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
