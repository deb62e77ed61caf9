package dev.hostkeep.dns.replicate;

import dev.hostkeep.dns.record.DnsRecord;
import java.util.List;

/**
 * A provider that changes a zone one record per call (OVH, Alidns, Cloudflare): what {@link
 * RecordSetTarget} needs to replicate whole zones onto it. Values are in presentation form ({@code
 * 10 mail.example.com.}, {@code "v=spf1 -all"}); the provider converts to and from its own.
 */
public interface ZoneRecords {

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
  boolean supports(String type);
}
