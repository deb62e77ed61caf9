package dev.hostkeep.dns.replicate;

import dev.hostkeep.core.plan.GuardPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * One {@code replicate:} entry: where the zones come from, which zones, the target that serves
 * them, and the rules in between. {@code slots} bounds how many of its zones are read or written at
 * once, across planning and applying.
 */
record ReplicateEntry(
    String name,
    ZoneReader source,
    List<String> zones,
    ZoneTarget target,
    Policy policy,
    boolean adopt,
    Scope scope,
    Rewrites rewrites,
    GuardPolicy guard,
    int concurrency,
    Optional<Notify> notifications,
    Duration reconcileEvery,
    Semaphore slots) {

  /** Where {@code replicate listen} takes NOTIFY messages for this entry, and from whom. */
  record Notify(String host, int port, List<String> allow) {}

  ReplicateEntry {
    zones = List.copyOf(zones);
  }

  /** The source zones: the configured list, or every zone the source offers. */
  List<String> sourceZones() {
    return zones.isEmpty() ? source.zones() : zones;
  }

  /** {@code entry/zone}: how plans, state and logs name one replicated zone (the target's name). */
  String targetName(String sourceZone) {
    return name + "/" + rewrites.targetZone(sourceZone);
  }
}
