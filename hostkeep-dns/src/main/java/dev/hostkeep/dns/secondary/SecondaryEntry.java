package dev.hostkeep.dns.secondary;

import dev.hostkeep.core.plan.GuardPolicy;
import java.time.Duration;
import java.util.List;

/** One {@code secondary:} entry: a source of zones, the targets that must serve them, and how. */
record SecondaryEntry(
    String name,
    ZoneSource source,
    Policy policy,
    Duration refreshEvery,
    GuardPolicy guard,
    List<SecondaryTarget> targets) {

  /** How plans, state and logs name {@code target} within this entry: {@code entry/target}. */
  String targetName(SecondaryTarget target) {
    return name + "/" + target.name();
  }
}
