package dev.hostkeep.core.plan;

import java.util.Objects;

/**
 * One change to one resource of one target: what it is ({@code kind} and {@code key}, e.g. {@code
 * zone example.com}), what it was and what it will be, as short texts for people ({@code null}
 * where there is no before or after). {@code payload} is the capability's own description of the
 * change, for its executor; it is never printed. Neither text nor payload may hold a secret.
 */
public record Change(
    String target,
    Action action,
    String kind,
    String key,
    String before,
    String after,
    Object payload) {

  public Change {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(key, "key");
  }

  public static Change create(
      String target, String kind, String key, String after, Object payload) {
    return new Change(target, Action.CREATE, kind, key, null, after, payload);
  }

  public static Change update(
      String target, String kind, String key, String before, String after, Object payload) {
    return new Change(target, Action.UPDATE, kind, key, before, after, payload);
  }

  public static Change delete(
      String target, String kind, String key, String before, Object payload) {
    return new Change(target, Action.DELETE, kind, key, before, null, payload);
  }

  /** {@code + zone example.com} — how logs and messages name this change. */
  public String describe() {
    return action.symbol() + " " + kind + " " + key;
  }
}
