package dev.hostkeep.core.plan;

import java.util.List;

/**
 * What one capability would change, per target. A plan is a value: building it changes nothing
 * anywhere, and applying it changes only what it lists. {@code notes} are things worth telling the
 * user that are not changes (a source that could not be read, a target skipped). {@code detail} is
 * the capability's own record of what it observed while planning (for {@link
 * dev.hostkeep.core.capability.ConfiguredCapability#applied}); it is never printed and may be null.
 *
 * <p>{@code problems} are failures found while planning that keep part of the work from being
 * planned at all (no address could be detected, a record could not be looked up): the listed
 * changes still go ahead, but the run counts as failed (or partly failed), so cron and monitoring
 * hear about it.
 */
public record Plan(
    String capability,
    List<TargetPlan> targets,
    List<String> notes,
    Object detail,
    List<String> problems) {
  public Plan {
    targets = List.copyOf(targets);
    notes = List.copyOf(notes);
    problems = List.copyOf(problems);
  }

  public Plan(String capability, List<TargetPlan> targets, List<String> notes, Object detail) {
    this(capability, targets, notes, detail, List.of());
  }

  public Plan(String capability, List<TargetPlan> targets, List<String> notes) {
    this(capability, targets, notes, null);
  }

  public static Plan empty(String capability) {
    return new Plan(capability, List.of(), List.of());
  }

  public boolean isEmpty() {
    return targets.stream().allMatch(t -> t.changes().isEmpty());
  }

  public long count(Action action) {
    return targets.stream().mapToLong(t -> t.count(action)).sum();
  }

  public List<Change> changes() {
    return targets.stream().flatMap(t -> t.changes().stream()).toList();
  }
}
