package dev.hostkeep.core.capability;

import dev.hostkeep.core.apply.ApplyReport;
import dev.hostkeep.core.apply.TargetExecutor;
import dev.hostkeep.core.plan.Plan;

/** A capability with its config read: it can plan, and it can supply an executor per target. */
public interface ConfiguredCapability {

  String name();

  /**
   * Observes the targets and computes what should change. Must have no side effects at all: no
   * write to any target, file, cache or the state store ({@code context.state()} is read-only
   * during {@code hostkeep plan}).
   */
  Plan plan(RunContext context);

  /** The executor that carries out the changes of {@code target} during apply. */
  TargetExecutor executor(String target, RunContext context);

  /**
   * Called after {@code plan} was applied (or had nothing to do), still under the run lock, with
   * every outcome; the place to remember what the targets were seen to hold. Not called when the
   * guard refused the plan or nobody confirmed it.
   */
  default void applied(Plan plan, ApplyReport report, RunContext context) {}
}
