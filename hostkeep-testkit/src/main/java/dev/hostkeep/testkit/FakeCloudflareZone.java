package dev.hostkeep.testkit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One zone of a {@link FakeCloudflare}. Names are full names in lower case; record ids are 32 hex
 * digits as Cloudflare's are. A proxied record keeps its origin address as its {@code content}, as
 * the API shows it.
 */
public final class FakeCloudflareZone {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String id = hex();
  private final String name;
  private final Map<String, Record> records = new LinkedHashMap<>();

  /** One record as the API shows it. */
  public record Record(
      String id, String name, String type, String content, long ttl, boolean proxied) {}

  FakeCloudflareZone(String name) {
    this.name = name;
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public synchronized List<Record> records() {
    return new ArrayList<>(records.values());
  }

  /** Adds a record as if it had been there before the test ({@code name} relative or full). */
  public synchronized Record seed(
      String owner, String type, String content, long ttl, boolean proxied) {
    Record record = new Record(hex(), absolute(owner), type, content, ttl, proxied);
    records.put(record.id(), record);
    return record;
  }

  synchronized Optional<Record> record(String recordId) {
    return Optional.ofNullable(records.get(recordId));
  }

  synchronized List<Record> find(String type, String exactName) {
    return records.values().stream()
        .filter(r -> type == null || r.type().equals(type))
        .filter(r -> exactName == null || r.name().equals(absolute(exactName)))
        .toList();
  }

  /** Adds a record; empty when an identical one (name, type, content) exists. */
  synchronized Optional<Record> create(
      String owner, String type, String content, long ttl, boolean proxied) {
    Record record = new Record(hex(), absolute(owner), type, content, ttl, proxied);
    if (identical(record, null)) {
      return Optional.empty();
    }
    records.put(record.id(), record);
    return Optional.of(record);
  }

  /**
   * Whether a new record of {@code type} at {@code owner} would stand beside a CNAME, or a CNAME
   * beside other records: Cloudflare refuses both (81053). An identical record is not a clash.
   */
  synchronized boolean cnameClash(String owner, String type, String content) {
    String name = absolute(owner);
    return records.values().stream()
        .filter(r -> r.name().equals(name))
        .filter(r -> !(r.type().equals(type) && r.content().equals(content)))
        .anyMatch(r -> type.equals("CNAME") || r.type().equals("CNAME"));
  }

  /** Replaces a record; empty when another record is identical to the result. */
  synchronized Optional<Record> replace(Record changed) {
    if (identical(changed, changed.id())) {
      return Optional.empty();
    }
    records.put(changed.id(), changed);
    return Optional.of(changed);
  }

  /** Deletes a record, as a person in the dashboard would. */
  public synchronized boolean delete(String recordId) {
    return records.remove(recordId) != null;
  }

  /**
   * {@code owner} as a full name: {@code @} is the apex, names outside the zone get it appended.
   */
  String absolute(String owner) {
    String lower = owner.strip().toLowerCase(Locale.ROOT);
    if (lower.endsWith(".")) {
      lower = lower.substring(0, lower.length() - 1);
    }
    if (lower.equals("@") || lower.isEmpty()) {
      return name;
    }
    return lower.equals(name) || lower.endsWith("." + name) ? lower : lower + "." + name;
  }

  private boolean identical(Record candidate, String except) {
    return records.values().stream()
        .filter(r -> !r.id().equals(except))
        .anyMatch(
            r ->
                r.name().equals(candidate.name())
                    && r.type().equals(candidate.type())
                    && sameContent(r, candidate));
  }

  private static boolean sameContent(Record a, Record b) {
    if (a.type().equals("AAAA") && a.content().contains(":") && b.content().contains(":")) {
      try { // an IPv6 literal: parsed without any lookup

        return InetAddress.getByName(a.content()).equals(InetAddress.getByName(b.content()));
      } catch (UnknownHostException e) {
        return a.content().equals(b.content());
      }
    }
    return a.content().equals(b.content());
  }

  static String hex() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
