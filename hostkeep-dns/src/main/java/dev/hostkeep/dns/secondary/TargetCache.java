package dev.hostkeep.dns.secondary;

import dev.hostkeep.core.state.RecordKey;
import dev.hostkeep.core.state.StateStore;
import dev.hostkeep.core.state.StoredRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the state remembers of one secondary target: the zones it confirmed serving (one record per
 * zone), when it was last read in full, and the digest of the source list it was last brought in
 * line with. Only confirmed changes are ever written here.
 */
final class TargetCache {
  static final String CAPABILITY = "secondary";
  private static final String ZONE = "zone:";
  private static final String LAST_FULL_READ = "meta:last_full_read";
  private static final String DIGEST = "meta:source_digest";

  private final StateStore state;
  private final String target;

  TargetCache(StateStore state, String target) {
    this.state = state;
    this.target = target;
  }

  /** Everything remembered about the target, read in one query. */
  record Snapshot(Set<String> zones, Optional<Instant> lastFullRead, Optional<String> digest) {}

  Snapshot read() {
    Set<String> zones = new TreeSet<>();
    Instant lastFullRead = null;
    String digest = null;
    for (StoredRecord record : state.list(CAPABILITY, target)) {
      String key = record.key().key();
      if (key.startsWith(ZONE)) {
        zones.add(key.substring(ZONE.length()));
      } else if (key.equals(LAST_FULL_READ)) {
        lastFullRead = Instant.parse(record.value());
      } else if (key.equals(DIGEST)) {
        digest = record.value();
      }
    }
    return new Snapshot(zones, Optional.ofNullable(lastFullRead), Optional.ofNullable(digest));
  }

  /** Records changes the target confirmed, in one transaction. */
  void confirm(Collection<String> added, Collection<String> removed) {
    state.inTransaction(
        store -> {
          for (String zone : added) {
            store.put(key(ZONE + zone), "present");
          }
          for (String zone : removed) {
            store.delete(key(ZONE + zone));
          }
          return null;
        });
  }

  /**
   * Makes the remembered zones {@code zones} (what a full read showed, plus confirmed changes
   * since), given that the state holds {@code stored} now, and records the time of the read.
   */
  void replace(Set<String> zones, Set<String> stored, Instant readAt) {
    state.inTransaction(
        store -> {
          for (String zone : stored) {
            if (!zones.contains(zone)) {
              store.delete(key(ZONE + zone));
            }
          }
          for (String zone : zones) {
            if (!stored.contains(zone)) {
              store.put(key(ZONE + zone), "present");
            }
          }
          store.put(key(LAST_FULL_READ), readAt.toString());
          return null;
        });
  }

  void digest(String digest) {
    state.put(key(DIGEST), digest);
  }

  private RecordKey key(String key) {
    return new RecordKey(CAPABILITY, target, key);
  }
}
