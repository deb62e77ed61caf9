package dev.hostkeep.dns.replicate;

import dev.hostkeep.dns.record.DnsRecord;
import java.util.List;
import java.util.Optional;

/**
 * A provider that changes a zone one record per call (OVH, Alidns, Cloudflare). It is a {@link
 * ZoneTarget} through {@link RecordSetTarget}, which makes each zone's calls as good as atomic.
 * Values are in presentation form ({@code 10 mail.example.com.}, {@code "v=spf1 -all"}); the
 * provider converts to and from its own.
 */
public interface ZoneRecords extends ZoneTarget {

  /** Every record of {@code zone} (one or a few requests), with the provider's record ids. */
  List<DnsRecord> list(String zone);

  /** Creates one record and returns it with its id (published by {@link #publish}, if needed). */
  DnsRecord add(String zone, String name, String type, String value, int ttl);

  /** Deletes one record by its id. */
  void remove(String zone, DnsRecord record);

  /**
   * Makes the changes made so far served, for providers that stage them (OVH's zone refresh);
   * nothing for the others.
   */
  default void publish(String zone) {}

  /** Whether records of {@code type} can be written this way. */
  @Override
  boolean supports(String type);

  @Override
  default Optional<ZoneContent> read(String zone) {
    return new RecordSetTarget(this).read(zone);
  }

  @Override
  default void apply(ZoneUpdate update) {
    new RecordSetTarget(this).apply(update);
  }
}
