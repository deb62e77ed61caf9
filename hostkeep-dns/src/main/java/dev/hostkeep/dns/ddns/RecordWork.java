package dev.hostkeep.dns.ddns;

import dev.hostkeep.dns.record.DnsRecord;

/** What the executor does for one planned record change (the payload of its {@code Change}). */
sealed interface RecordWork {
  ManagedRecord record();

  /** The value the record gets. */
  String value();

  /** Set {@code existing} (found while planning, or remembered) to the value. */
  record Write(ManagedRecord record, String value, DnsRecord existing) implements RecordWork {}

  /** Create the record: the provider has none. */
  record Create(ManagedRecord record, String value) implements RecordWork {}

  /** Look the record up again, then write or create it (the lookup failed while planning). */
  record Resolve(ManagedRecord record, String value) implements RecordWork {}
}
