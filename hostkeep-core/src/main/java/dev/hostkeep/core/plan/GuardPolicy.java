package dev.hostkeep.core.plan;

/**
 * How much of a target a plan may delete or rewrite before the guard refuses it without {@code
 * --force}: more than {@code maxShare} of the existing items, when that is at least {@code
 * minChanges} items. A plan that would leave a non-empty target empty is refused whatever its size.
 */
public record GuardPolicy(double maxShare, int minChanges) {
  /** 10 % of what exists, and never fewer than 3 items, before the guard steps in. */
  public static final GuardPolicy DEFAULT = new GuardPolicy(0.10, 3);

  public GuardPolicy {
    if (maxShare < 0 || maxShare > 1) {
      throw new IllegalArgumentException("maxShare must be between 0 and 1: " + maxShare);
    }
    if (minChanges < 1) {
      throw new IllegalArgumentException("minChanges must be at least 1: " + minChanges);
    }
  }
}
