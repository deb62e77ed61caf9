package dev.hostkeep.dns.ddns;

import dev.hostkeep.dns.ddns.detect.Family;
import dev.hostkeep.dns.ddns.detect.Ipv6Suffix;
import dev.hostkeep.dns.record.RecordValues;
import java.net.InetAddress;
import java.util.Optional;

/**
 * One record a {@code ddns} entry keeps pointed at this host: a name in a zone, for one address
 * family, with its TTL and, for IPv6, an optional fixed interface id put on the detected prefix.
 */
record ManagedRecord(
    String name, String zone, Family family, Optional<Ipv6Suffix> suffix, int ttl) {

  String type() {
    return family.recordType();
  }

  /** {@code office.example.com AAAA}: the record's key in state, plans and the journal. */
  String key() {
    return name + " " + type();
  }

  /**
   * The value this record should hold when the host's address of its family is {@code detected}.
   */
  String value(InetAddress detected) {
    InetAddress address = suffix.map(s -> s.apply(detected)).orElse(detected);
    return RecordValues.format(address);
  }
}
