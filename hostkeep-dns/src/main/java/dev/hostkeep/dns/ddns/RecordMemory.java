package dev.hostkeep.dns.ddns;

import dev.hostkeep.core.state.RecordKey;
import dev.hostkeep.core.state.StateStore;
import dev.hostkeep.core.state.StoredRecord;
import dev.hostkeep.dns.record.DnsRecord;
import dev.hostkeep.dns.record.RecordValues;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the state remembers of the records of one {@code ddns} entry: per record the value last
 * written or seen at the provider, the provider's record id, the zone, when the value last changed
 * and when it was last checked against the provider; and a short history of address changes. Only
 * what a provider confirmed is written here. All of an entry's records are read in one query, so a
 * run with nothing to do costs one read and no provider request.
 */
final class RecordMemory {
  static final String CAPABILITY = "ddns";
  static final int HISTORY = 20;
  private static final String HISTORY_PREFIX = "history ";

  private final StateStore state;
  private final String entry;

  RecordMemory(StateStore state, String entry) {
    this.state = state;
    this.entry = entry;
  }

  /**
   * One remembered record. {@code id} is empty for stores without record ids; {@code ttl} is the
   * TTL the provider held (Cloudflare's automatic TTL is 1), empty in entries of older versions.
   */
  record Remembered(
      String value,
      Optional<String> id,
      String zone,
      Optional<Instant> changedAt,
      Instant verifiedAt,
      OptionalInt ttl) {

    /**
     * The record as the provider held it when it was last confirmed, with the TTL it held, so an
     * update keeps a TTL the provider manages (Cloudflare's automatic one) as a lookup would.
     */
    DnsRecord asRecord(ManagedRecord record) {
      return new DnsRecord(
          id.orElse(null), record.name(), record.type(), value, ttl.orElse(record.ttl()));
    }

    String encode() {
      return String.join(
          "\t",
          value,
          id.orElse(""),
          zone,
          changedAt.map(Instant::toString).orElse(""),
          verifiedAt.toString(),
          ttl.isPresent() ? Integer.toString(ttl.getAsInt()) : "");
    }

    static Optional<Remembered> decode(String text) {
      String[] parts = text.split("\t", -1);
      if (parts.length != 5 && parts.length != 6) {
        return Optional.empty(); // written by another version: forget it, the next run verifies
      }
      try {
        return Optional.of(
            new Remembered(
                parts[0],
                parts[1].isEmpty() ? Optional.empty() : Optional.of(parts[1]),
                parts[2],
                parts[3].isEmpty() ? Optional.empty() : Optional.of(Instant.parse(parts[3])),
                Instant.parse(parts[4]),
                parts.length == 6 && !parts[5].isEmpty()
                    ? OptionalInt.of(Integer.parseInt(parts[5]))
                    : OptionalInt.empty()));
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    }
  }

  /** One address change of a record. */
  record Change(Instant at, String value) {}

  /** Everything remembered of the entry, by record key, read in one query. */
  Map<String, Remembered> read() {
    Map<String, Remembered> out = new HashMap<>();
    for (StoredRecord stored : state.list(CAPABILITY, entry)) {
      String key = stored.key().key();
      if (!key.startsWith(HISTORY_PREFIX)) {
        Remembered.decode(stored.value()).ifPresent(r -> out.put(key, r));
      }
    }
    return out;
  }

  /** The address changes of {@code record}, newest first. */
  List<Change> history(ManagedRecord record) {
    return state
        .get(new RecordKey(CAPABILITY, entry, HISTORY_PREFIX + record.key()))
        .map(stored -> parseHistory(stored.value()))
        .orElse(List.of());
  }

  /**
   * The provider confirmed that {@code record} holds {@code held} (written by hostkeep or found
   * there). A value different from the remembered one is a change, kept in the history.
   */
  void confirmed(ManagedRecord record, DnsRecord held, String zone, Instant now) {
    state.inTransaction(
        store -> {
          RecordKey key = key(record);
          Optional<Remembered> before =
              store.get(key).flatMap(stored -> Remembered.decode(stored.value()));
          String value = RecordValues.canonical(held.value());
          boolean changed = before.map(b -> !b.value().equals(value)).orElse(true);
          Optional<Instant> changedAt =
              changed ? Optional.of(now) : before.flatMap(Remembered::changedAt);
          Remembered after =
              new Remembered(
                  value,
                  Optional.ofNullable(held.id()),
                  zone,
                  changedAt,
                  now,
                  OptionalInt.of(held.ttl()));
          store.put(key, after.encode());
          if (changed) {
            RecordKey historyKey = new RecordKey(CAPABILITY, entry, HISTORY_PREFIX + record.key());
            List<Change> history = new ArrayList<>();
            history.add(new Change(now, value));
            store.get(historyKey).ifPresent(stored -> history.addAll(parseHistory(stored.value())));
            store.put(
                historyKey, formatHistory(history.subList(0, Math.min(HISTORY, history.size()))));
          }
          return null;
        });
  }

  private RecordKey key(ManagedRecord record) {
    return new RecordKey(CAPABILITY, entry, record.key());
  }

  private static List<Change> parseHistory(String text) {
    List<Change> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      int space = line.indexOf(' ');
      if (space > 0) {
        try {
          out.add(new Change(Instant.parse(line.substring(0, space)), line.substring(space + 1)));
        } catch (RuntimeException e) {
          // a line from another version: skip it
        }
      }
    }
    return out;
  }

  private static String formatHistory(List<Change> history) {
    StringBuilder out = new StringBuilder();
    for (Change change : history) {
      out.append(change.at()).append(' ').append(change.value()).append('\n');
    }
    return out.toString();
  }
}
