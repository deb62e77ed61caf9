package dev.hostkeep.dns.replicate;

import dev.hostkeep.core.plan.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The difference between what a target zone should hold and what it holds, limited to what
 * replication may touch: RRsets it created or adopted (its {@code owned} keys) and RRsets the
 * target does not have at all. An RRset someone else put on the target is never changed or deleted:
 * when the source wants different data there, that is a problem to resolve ({@code adopt: true}, or
 * an {@code exclude}), not something to overwrite.
 *
 * @param changes the RRsets to create, replace and delete, in key order
 * @param ownedAfter the keys replication owns once every change is confirmed
 * @param existing how many RRsets in scope the target holds now (what the guard measures against)
 * @param problems conflicts that keep the zone from being fully replicated
 */
record ZoneDiff(
    List<RRsetChange> changes, Set<String> ownedAfter, int existing, List<String> problems) {

  static ZoneDiff between(
      ZoneContent desired,
      Optional<ZoneContent> target,
      Set<String> owned,
      Policy policy,
      boolean adopt,
      Scope scope) {
    String apex = desired.apex();
    var held = new java.util.TreeMap<String, RRset>();
    target.ifPresent(
        t ->
            t.rrsets().values().stream()
                .filter(r -> scope.manages(r, apex))
                .forEach(r -> held.put(r.key(), r)));
    List<RRsetChange> changes = new ArrayList<>();
    Set<String> ownedAfter = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    for (RRset want : desired.rrsets().values()) {
      if (!scope.manages(want, apex)) {
        continue;
      }
      RRset have = held.get(want.key());
      if (have == null) {
        changes.add(new RRsetChange(Action.CREATE, null, want));
        ownedAfter.add(want.key());
      } else if (owned.contains(want.key()) || adopt) {
        if (!have.equals(want)) {
          changes.add(new RRsetChange(Action.UPDATE, have, want));
        }
        ownedAfter.add(want.key());
      } else if (!have.equals(want)) { // an identical one is left as it is, and not owned
        problems.add(
            want.key()
                + " is on the target with other data ("
                + have.describe()
                + ") and was not put there by hostkeep; left alone (set adopt: true to take it"
                + " over, or exclude it)");
      }
    }
    for (String key : owned) {
      RRset have = held.get(key);
      RRset wanted = desired.rrsets().get(key);
      if (have == null || wanted != null && scope.manages(wanted, apex)) {
        continue;
      }
      if (policy == Policy.SYNC) {
        changes.add(new RRsetChange(Action.DELETE, have, null));
      } else {
        ownedAfter.add(key);
      }
    }
    changes.sort(java.util.Comparator.comparing(RRsetChange::key));
    return new ZoneDiff(changes, ownedAfter, held.size(), problems);
  }
}
