package dev.hostkeep.core.engine;

import dev.hostkeep.core.ExitCode;
import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.apply.Applier;
import dev.hostkeep.core.apply.ApplyReport;
import dev.hostkeep.core.apply.ChangeOutcome;
import dev.hostkeep.core.capability.ConfiguredCapability;
import dev.hostkeep.core.capability.RunContext;
import dev.hostkeep.core.config.HostkeepConfig;
import dev.hostkeep.core.config.Suggestions;
import dev.hostkeep.core.plan.Guard;
import dev.hostkeep.core.plan.Plan;
import dev.hostkeep.core.secret.Redactor;
import dev.hostkeep.core.state.JournalEntry;
import dev.hostkeep.core.state.RunLock;
import dev.hostkeep.core.state.RunRecord;
import dev.hostkeep.core.state.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The loop every capability shares: plan (no side effects), guard, confirm, apply, record. The CLI
 * and the daemon drive it; capabilities only plan and execute.
 */
public final class Engine {
  private final Clock clock;
  private final Applier applier;
  private final Redactor redactor;

  public Engine(Clock clock, Applier applier, Redactor redactor) {
    this.clock = clock;
    this.applier = applier;
    this.redactor = redactor;
  }

  /** Asked once per capability, after its plan is shown and before anything changes. */
  @FunctionalInterface
  public interface Confirmation {
    boolean confirm(Plan plan);
  }

  /** Told what happens while applying, for progress output. */
  public interface Events {
    default void planned(Plan plan, List<Guard.Refusal> refusals) {}

    default void outcome(ChangeOutcome outcome) {}
  }

  /** The plan of one capability, or why it could not be made. */
  public record PlanResult(
      String capability, Plan plan, List<Guard.Refusal> refusals, String error) {
    public boolean failed() {
      return error != null;
    }
  }

  /** How applying one capability ended. */
  public record ApplyResult(
      String capability,
      Outcome outcome,
      Plan plan,
      List<Guard.Refusal> refusals,
      ApplyReport report,
      String error) {
    public enum Outcome {
      NOTHING_TO_DO,
      APPLIED,
      REFUSED,
      DECLINED,
      FAILED
    }
  }

  /**
   * The capabilities to run: all configured ones when {@code names} is empty, else exactly those,
   * each checked to be configured (an unknown name gets the closest configured one).
   */
  public static List<ConfiguredCapability> select(
      HostkeepConfig config, List<String> names, Set<String> known) {
    if (names.isEmpty()) {
      return List.copyOf(config.capabilities().values());
    }
    List<ConfiguredCapability> selected = new ArrayList<>();
    for (String name : new java.util.LinkedHashSet<>(names)) {
      ConfiguredCapability capability = config.capabilities().get(name);
      if (capability != null) {
        selected.add(capability);
      } else if (known.contains(name)) {
        throw HostkeepException.usage(
            "'"
                + name
                + "' is not configured in "
                + config.origin()
                + ": add a '"
                + name
                + ":' section");
      } else {
        Set<String> candidates = new TreeSet<>(known);
        throw HostkeepException.usage(
            "unknown capability '"
                + name
                + "'"
                + Suggestions.didYouMean(name, candidates)
                + (candidates.isEmpty() ? "" : "; capabilities: " + String.join(", ", candidates)));
      }
    }
    return selected;
  }

  /** Plans each capability against a read-only state; one failing capability fails alone. */
  public List<PlanResult> plan(
      List<ConfiguredCapability> capabilities, StateStore readOnlyState, boolean refresh) {
    RunContext context = new RunContext(clock, readOnlyState, redactor, refresh);
    List<PlanResult> results = new ArrayList<>();
    for (ConfiguredCapability capability : capabilities) {
      try {
        Plan plan = capability.plan(context);
        results.add(new PlanResult(capability.name(), plan, Guard.check(plan), null));
      } catch (RuntimeException e) {
        results.add(new PlanResult(capability.name(), null, List.of(), describe(e)));
      }
    }
    return results;
  }

  /** Plans and applies one capability under its run lock, recording the run and every outcome. */
  public ApplyResult apply(
      ConfiguredCapability capability,
      StateStore state,
      ApplyOptions options,
      Confirmation confirmation,
      Events events) {
    try (RunLock lock = state.lock(capability.name(), options.lockWait())) {
      RunRecord run = state.startRun(capability.name(), "apply");
      ApplyResult result;
      try {
        result = applyLocked(capability, state, options, confirmation, events, run);
      } catch (RuntimeException e) {
        try {
          state.finishRun(run.finished(clock.instant(), "failed: " + describe(e), 0, 0));
        } catch (RuntimeException unrecorded) {
          e.addSuppressed(unrecorded);
        }
        throw e;
      }
      int applied =
          result.report() == null ? 0 : (int) result.report().count(JournalEntry.Outcome.APPLIED);
      int failed =
          result.report() == null ? 0 : (int) result.report().count(JournalEntry.Outcome.FAILED);
      String summary =
          result.error() != null
              ? "failed: " + result.error()
              : result.outcome().name().toLowerCase();
      state.finishRun(run.finished(clock.instant(), summary, applied, failed));
      return result;
    }
  }

  private ApplyResult applyLocked(
      ConfiguredCapability capability,
      StateStore state,
      ApplyOptions options,
      Confirmation confirmation,
      Events events,
      RunRecord run) {
    String name = capability.name();
    RunContext context = new RunContext(clock, state, redactor, options.refresh());
    Plan plan;
    try {
      plan = capability.plan(context);
    } catch (RuntimeException e) {
      return new ApplyResult(name, ApplyResult.Outcome.FAILED, null, List.of(), null, describe(e));
    }
    List<Guard.Refusal> refusals = Guard.check(plan);
    events.planned(plan, refusals);
    if (plan.isEmpty()) {
      capability.applied(plan, new ApplyReport(List.of()), context);
      return plan.problems().isEmpty()
          ? new ApplyResult(name, ApplyResult.Outcome.NOTHING_TO_DO, plan, refusals, null, null)
          : new ApplyResult(name, ApplyResult.Outcome.FAILED, plan, refusals, null, problems(plan));
    }
    if (!refusals.isEmpty() && !options.force()) {
      return new ApplyResult(name, ApplyResult.Outcome.REFUSED, plan, refusals, null, null);
    }
    if (!confirmation.confirm(plan)) {
      return new ApplyResult(name, ApplyResult.Outcome.DECLINED, plan, refusals, null, null);
    }
    ApplyReport report =
        applier.apply(
            plan,
            target -> capability.executor(target, context),
            new Applier.Listener() {
              @Override
              public void outcome(ChangeOutcome outcome) {
                state.record(journal(run, outcome, clock.instant()));
                events.outcome(outcome);
              }

              @Override
              public void outcomes(List<ChangeOutcome> outcomes) {
                Instant confirmed = clock.instant(); // a batch is confirmed at one moment
                state.inTransaction(
                    store -> {
                      store.record(
                          outcomes.stream()
                              .map(outcome -> journal(run, outcome, confirmed))
                              .toList());
                      return null;
                    });
                outcomes.forEach(events::outcome);
              }
            });
    capability.applied(plan, report, context);
    ApplyResult.Outcome outcome =
        report.exitCode() == ExitCode.OK && plan.problems().isEmpty()
            ? ApplyResult.Outcome.APPLIED
            : ApplyResult.Outcome.FAILED;
    return new ApplyResult(
        name, outcome, plan, refusals, report, plan.problems().isEmpty() ? null : problems(plan));
  }

  private String problems(Plan plan) {
    return redactor.redact(String.join("; ", plan.problems()));
  }

  private JournalEntry journal(RunRecord run, ChangeOutcome outcome, Instant at) {
    var change = outcome.change();
    return new JournalEntry(
        run.id(),
        run.capability(),
        change.target(),
        change.action().name().toLowerCase(),
        change.kind(),
        change.key(),
        outcome.outcome(),
        outcome.attempts(),
        redactor.redact(outcome.message()),
        at);
  }

  /** The exit code of a whole apply: refusals, then failures, then partial failures. */
  public static ExitCode exitCode(List<ApplyResult> results) {
    boolean refused = results.stream().anyMatch(r -> r.outcome() == ApplyResult.Outcome.REFUSED);
    boolean anyApplied =
        results.stream()
            .anyMatch(
                r -> r.report() != null && r.report().count(JournalEntry.Outcome.APPLIED) > 0);
    boolean anyFailed = results.stream().anyMatch(r -> r.outcome() == ApplyResult.Outcome.FAILED);
    if (refused) {
      return ExitCode.GUARD_REFUSED;
    }
    if (anyFailed) {
      return anyApplied ? ExitCode.PARTIAL : ExitCode.FAILURE;
    }
    return ExitCode.OK;
  }

  private String describe(RuntimeException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return redactor.redact(message);
  }

  /** Options of one apply. */
  public record ApplyOptions(boolean force, boolean refresh, Duration lockWait) {}
}
