package dev.hostkeep.core.plan;

import java.util.List;

/**
 * The changes planned for one target, with how many items the target holds now (what the guard
 * measures the deletions and rewrites against) and the guard policy that applies to it.
 */
public record TargetPlan(String target, int existing, List<Change> changes, GuardPolicy guard) {
  public TargetPlan {
    changes = List.copyOf(changes);
    if (existing < 0) {
      throw new IllegalArgumentException("existing must not be negative: " + existing);
    }
    for (Change change : changes) {
      if (!change.target().equals(target)) {
        throw new IllegalArgumentException(
            "change " + change.describe() + " is for " + change.target() + ", not " + target);
      }
    }
  }

  public long count(Action action) {
    return changes.stream().filter(c -> c.action() == action).count();
  }

  /** How many items the target will hold once the plan is applied. */
  public long after() {
    return existing + count(Action.CREATE) - count(Action.DELETE);
  }
}
