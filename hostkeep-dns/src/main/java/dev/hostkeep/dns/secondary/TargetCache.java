package dev.hostkeep.dns.secondary;

import dev.hostkeep.core.state.RecordKey;
import dev.hostkeep.core.state.StateStore;
import dev.hostkeep.core.state.StoredRecord;
import java.time.Instant;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the state remembers of one secondary target: the zones it confirmed serving, when it was
 * last read in full, and the digest of the source list it was last brought in line with. Only
 * confirmed changes are ever written here.
 *
 * <p>The zones are one record (sorted names, one per line), so a soft run over 10,000 zones reads
 * three rows, and a sync that adds them writes one. Confirmations of one target are serialised
 * here; other processes are kept out by the capability's run lock.
 */
final class TargetCache {
  static final String CAPABILITY = "secondary";
  private static final String ZONES = "zones";
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
      switch (record.key().key()) {
        case ZONES -> zones = new StoredZones(record.value());
        case LAST_FULL_READ -> lastFullRead = Instant.parse(record.value());
        case DIGEST -> digest = record.value();
        default -> {}
      }
    }
    return new Snapshot(zones, Optional.ofNullable(lastFullRead), Optional.ofNullable(digest));
  }

  /** Records changes the target confirmed. */
  synchronized void confirm(Collection<String> added, Collection<String> removed) {
    state.inTransaction(
        store -> {
          SortedSet<String> zones =
              store.get(key(ZONES)).map(r -> parse(r.value())).orElseGet(TreeSet::new);
          zones.addAll(added);
          zones.removeAll(removed);
          store.put(key(ZONES), String.join("\n", zones));
          return null;
        });
  }

  /**
   * Remembers {@code zones} as what a full read at {@code readAt} showed (plus confirmed changes).
   */
  synchronized void replace(Set<String> zones, Instant readAt) {
    state.inTransaction(
        store -> {
          store.put(key(ZONES), String.join("\n", new TreeSet<>(zones)));
          store.put(key(LAST_FULL_READ), readAt.toString());
          return null;
        });
  }

  void digest(String digest) {
    state.put(key(DIGEST), digest);
  }

  /**
   * The zones of the stored record, counted without parsing them: a soft run with every target in
   * line only needs how many there are, and parsing 10,000 names costs more than the rest of it.
   * The record holds distinct names, one a line. Parsed on first use; unmodifiable.
   */
  private static final class StoredZones extends AbstractSet<String> {
    private final String value;
    private SortedSet<String> parsed;

    StoredZones(String value) {
      this.value = value;
    }

    @Override
    public int size() {
      if (parsed != null) {
        return parsed.size();
      }
      if (value.isEmpty()) {
        return 0;
      }
      int lines = 1;
      for (int at = value.indexOf('\n'); at >= 0; at = value.indexOf('\n', at + 1)) {
        lines++;
      }
      return lines;
    }

    @Override
    public boolean contains(Object zone) {
      return zones().contains(zone);
    }

    @Override
    public Iterator<String> iterator() {
      return Collections.unmodifiableSortedSet(zones()).iterator();
    }

    private SortedSet<String> zones() {
      if (parsed == null) {
        parsed = parse(value);
      }
      return parsed;
    }
  }

  private static SortedSet<String> parse(String value) {
    SortedSet<String> zones = new TreeSet<>();
    if (!value.isEmpty()) {
      zones.addAll(java.util.List.of(value.split("\n")));
    }
    return zones;
  }

  private RecordKey key(String key) {
    return new RecordKey(CAPABILITY, target, key);
  }
}
