package dev.hostkeep.dns.ddns;

import dev.hostkeep.dns.ddns.detect.AddressDetection;
import dev.hostkeep.dns.ddns.detect.Family;
import dev.hostkeep.dns.record.RecordStore;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One {@code ddns} entry: records at one provider, the way this host's addresses are detected, how
 * often remembered values are checked against the provider, and whether a missing record may be
 * created.
 */
record DdnsEntry(
    String name,
    String provider,
    RecordStore store,
    List<ManagedRecord> records,
    AddressDetection detection,
    Duration verifyEvery,
    boolean create) {

  DdnsEntry {
    records = List.copyOf(records);
  }

  /** The address families some record of the entry needs, IPv4 first. */
  Set<Family> families() {
    Set<Family> families = new TreeSet<>();
    records.forEach(r -> families.add(r.family()));
    return families;
  }
}
