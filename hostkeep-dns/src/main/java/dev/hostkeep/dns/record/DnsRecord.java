package dev.hostkeep.dns.record;

import java.util.Locale;
import java.util.Objects;

/**
 * One DNS record as a provider holds it. {@code name} is the owner's full name in lower case
 * without the trailing dot ({@code office.example.com}), {@code type} is upper case ({@code A}),
 * {@code value} is the record data in presentation form ({@code 203.0.113.7}). {@code id} is the
 * provider's own id of the record (Alidns {@code RecordId}, a Cloudflare or OVH record id), or
 * {@code null} for stores that address record sets by name and type (RFC 2136, PowerDNS).
 */
public record DnsRecord(String id, String name, String type, String value, int ttl) {
  public DnsRecord {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
    name = RecordNames.normalise(name);
    type = type.toUpperCase(Locale.ROOT);
  }

  public DnsRecord withValue(String newValue, int newTtl) {
    return new DnsRecord(id, name, type, newValue, newTtl);
  }

  public DnsRecord withId(String newId) {
    return new DnsRecord(newId, name, type, value, ttl);
  }

  /** {@code office.example.com A 203.0.113.7} — for messages. */
  public String describe() {
    return name + " " + type + " " + value;
  }
}
