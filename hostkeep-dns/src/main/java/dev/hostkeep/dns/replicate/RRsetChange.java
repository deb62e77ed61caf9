package dev.hostkeep.dns.replicate;

import dev.hostkeep.core.plan.Action;

/**
 * One RRset to create, replace or delete on a target zone, with what the target held before ({@code
 * null} for a create) and what it will hold ({@code null} for a delete). Targets with prerequisites
 * (RFC 2136) make {@code before} a condition of the change.
 */
public record RRsetChange(Action action, RRset before, RRset after) {
  public RRsetChange {
    if ((action == Action.CREATE) != (before == null)
        || (action == Action.DELETE) != (after == null)) {
      throw new IllegalArgumentException(action + " with before " + before + ", after " + after);
    }
  }

  public RRset either() {
    return after != null ? after : before;
  }

  public String key() {
    return either().key();
  }
}
