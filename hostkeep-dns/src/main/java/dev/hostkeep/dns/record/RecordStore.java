package dev.hostkeep.dns.record;

import dev.hostkeep.core.apply.ApplySettings;
import java.util.List;
import java.util.Optional;

/**
 * The records of DNS zones at one provider (an Alidns or Cloudflare account, OVH, a PowerDNS
 * server, a primary taking RFC 2136 updates), as the DNS capabilities ({@code ddns}, {@code
 * replicate}) read and change them. Each method is one provider request unless it says otherwise,
 * so callers can count and pace what they cost. Names are full names in lower case without the
 * trailing dot; {@code zone} is the zone that holds them.
 *
 * <p>Errors are {@link dev.hostkeep.core.HostkeepException}s naming the call and what the provider
 * said, never a credential; throttling and server errors are marked retriable (with the provider's
 * {@code Retry-After} when it gives one).
 */
public interface RecordStore {

  /**
   * The zone holding {@code name}, when the store can tell from its own configuration without a
   * request; empty lets the caller decide (a configured {@code zone:} or the name's last two
   * labels).
   */
  default Optional<String> zoneOf(String name) {
    return Optional.empty();
  }

  /**
   * The records of exactly {@code name} and {@code type} in {@code zone}: never a fuzzy or prefix
   * match. Empty when there are none.
   */
  List<DnsRecord> find(String zone, String name, String type);

  /** Creates one record and returns it as the provider holds it (with its id, if it has ids). */
  DnsRecord create(String zone, String name, String type, String value, int ttl);

  /**
   * Gives {@code existing} (as found, or as remembered from an earlier run) the value {@code
   * value}. Stores that address record sets replace the whole set of {@code existing.name()} and
   * {@code existing.type()} with this one value. Setting the value a record already has is a
   * success, whatever the provider calls it.
   *
   * @throws RecordGoneException when the provider no longer has the record
   */
  DnsRecord update(String zone, DnsRecord existing, String value, int ttl);

  /** Concurrency, pacing and retries for requests to this store. */
  default ApplySettings settings() {
    return ApplySettings.DEFAULT;
  }
}
