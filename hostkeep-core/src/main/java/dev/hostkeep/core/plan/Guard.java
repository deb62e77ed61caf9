package dev.hostkeep.core.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Refuses plans that would destroy too much at once: the unmounted zone folder that would delete
 * every secondary zone, the empty API answer that would wipe a DNS zone. {@code --force} overrides
 * it.
 */
public final class Guard {
  private Guard() {}

  /** One target the guard refuses, and why, in words for the user. */
  public record Refusal(String capability, String target, String reason) {
    @Override
    public String toString() {
      return capability + " → " + target + ": " + reason;
    }
  }

  /** The refusals for {@code plan}; empty when the plan may go ahead. */
  public static List<Refusal> check(Plan plan) {
    List<Refusal> refusals = new ArrayList<>();
    for (TargetPlan target : plan.targets()) {
      reason(target)
          .ifPresent(r -> refusals.add(new Refusal(plan.capability(), target.target(), r)));
    }
    return refusals;
  }

  private static java.util.Optional<String> reason(TargetPlan target) {
    long destructive = target.count(Action.DELETE) + target.count(Action.UPDATE);
    if (target.existing() > 0 && target.after() <= 0) {
      return java.util.Optional.of(
          "this would empty the target (all "
              + target.existing()
              + " items deleted, nothing left); if that is really wanted, use --force");
    }
    if (destructive == 0 || target.existing() == 0) {
      return java.util.Optional.empty();
    }
    double share = (double) destructive / target.existing();
    GuardPolicy policy = target.guard();
    if (share > policy.maxShare() && destructive >= policy.minChanges()) {
      return java.util.Optional.of(
          String.format(
              Locale.ROOT,
              "this would delete or rewrite %d of %d items (%.0f %%, more than the %.0f %% allowed);"
                  + " check the source, then use --force if it is right",
              destructive,
              target.existing(),
              share * 100,
              policy.maxShare() * 100));
    }
    return java.util.Optional.empty();
  }
}
