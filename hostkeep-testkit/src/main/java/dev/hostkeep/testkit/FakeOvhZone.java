package dev.hostkeep.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One DNS zone of a {@link FakeOvh}. Record calls change the staged copy (which the API shows);
 * {@code POST /domain/zone/{zone}/refresh} publishes it (what OVH's DNS servers would serve) and
 * raises the SOA serial.
 */
public final class FakeOvhZone {
  private final String name;
  private final Map<Long, Record> staged = new TreeMap<>();
  private Map<Long, Record> published = Map.of();
  private long serial = 2026010100;
  private long nextId = 1_000_000_001L;

  /** One record: OVH keeps one value per record; the apex has subDomain {@code ""}. */
  public record Record(
      long id, String zone, String subDomain, String fieldType, String target, long ttl) {}

  FakeOvhZone(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  /** The records the API shows, staged changes included. */
  public synchronized List<Record> staged() {
    return new ArrayList<>(staged.values());
  }

  /** The records published by the last refresh. */
  public synchronized List<Record> published() {
    return new ArrayList<>(published.values());
  }

  public synchronized long serial() {
    return serial;
  }

  /** Adds a record and publishes it, as if it had been there before the test. */
  public synchronized Record seed(String subDomain, String fieldType, String target, long ttl) {
    Record record = create(subDomain, fieldType, target, ttl);
    published = Map.copyOf(staged);
    return record;
  }

  synchronized Record create(String subDomain, String fieldType, String target, long ttl) {
    Record record = new Record(nextId++, name, subDomain, fieldType, target, ttl);
    staged.put(record.id(), record);
    return record;
  }

  synchronized Optional<Record> record(long id) {
    return Optional.ofNullable(staged.get(id));
  }

  synchronized List<Long> ids(String fieldType, String subDomain) {
    return staged.values().stream()
        .filter(r -> fieldType == null || r.fieldType().equals(fieldType))
        .filter(r -> subDomain == null || r.subDomain().equals(subDomain))
        .map(Record::id)
        .toList();
  }

  synchronized boolean update(long id, String subDomain, String target, Long ttl) {
    Record old = staged.get(id);
    if (old == null) {
      return false;
    }
    staged.put(
        id,
        new Record(
            id,
            name,
            subDomain == null ? old.subDomain() : subDomain,
            old.fieldType(),
            target == null ? old.target() : target,
            ttl == null ? old.ttl() : ttl));
    return true;
  }

  /** Deletes a record (staged until the next refresh), as a person in the control panel would. */
  public synchronized boolean delete(long id) {
    return staged.remove(id) != null;
  }

  /** Publishes the staged records, as {@code POST /domain/zone/{zone}/refresh} does. */
  public synchronized void refresh() {
    published = Map.copyOf(staged);
    serial++;
  }
}
