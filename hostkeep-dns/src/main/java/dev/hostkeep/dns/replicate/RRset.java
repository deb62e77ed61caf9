package dev.hostkeep.dns.replicate;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One RRset: the records of one owner name and type. {@code name} is absolute and lower case with
 * the trailing dot ({@code www.example.com.}), {@code type} its mnemonic ({@code AAAA}), {@code
 * values} the records' data in zone-file presentation form, sorted and without duplicates, so two
 * RRsets with the same data are equal whatever order a server listed them in.
 */
public record RRset(String name, String type, long ttl, List<String> values) {
  public RRset {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    values = List.copyOf(new TreeSet<>(values));
    if (values.isEmpty()) {
      throw new IllegalArgumentException("an RRset has at least one record: " + name + " " + type);
    }
  }

  /** {@code www.example.com. A}: how ownership, plans and logs name an RRset. */
  public String key() {
    return key(name, type);
  }

  static String key(String name, String type) {
    return name + " " + type;
  }

  /** {@code 300 192.0.2.1, 192.0.2.2}: the TTL and data, as plans show them. */
  public String describe() {
    return ttl + " " + String.join(", ", values);
  }

  RRset withTtl(long value) {
    return new RRset(name, type, value, values);
  }
}
