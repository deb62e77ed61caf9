package dev.hostkeep.testkit;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** One zone of a {@link FakeAlidns} account, for tests to seed and inspect. */
public final class FakeAlidnsZone {
  private final String name;
  private final FakeAlidnsZones store;

  FakeAlidnsZone(String name, FakeAlidnsZones store) {
    this.name = name;
    this.store = store;
  }

  public String name() {
    return name;
  }

  /** Adds a record as the Alidns console would ({@code @} is the apex); returns it with its id. */
  public FakeAlidnsRecord add(String rr, String type, String value, int ttl) {
    return store.add(name, rr, type, value, ttl);
  }

  /** Every record of the zone, oldest first. */
  public List<FakeAlidnsRecord> records() {
    return store.records(name);
  }

  /** The records of one RR (any case) and type. */
  public List<FakeAlidnsRecord> records(String rr, String type) {
    String lower = rr.toLowerCase(Locale.ROOT);
    return records().stream()
        .filter(r -> r.rr().equals(lower) && r.type().equalsIgnoreCase(type))
        .toList();
  }

  /** The only record of {@code rr} and {@code type}, if there is exactly one. */
  public Optional<FakeAlidnsRecord> record(String rr, String type) {
    List<FakeAlidnsRecord> found = records(rr, type);
    return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
  }
}
