package dev.hostkeep.dns.secondary;

import java.time.Duration;

/**
 * Publishes OVH's ownership token on the primary DNS server, so OVH can check that whoever adds a
 * zone to its secondary DNS controls the zone. OVH resolves {@code ownercheck.<zone> TXT} and
 * expects the token it handed out. Implementations write the primary (RFC 2136 with TSIG, or a zone
 * file and a reload).
 *
 * <p>The OVH target calls, for each zone it adds: {@link #publish}, {@link #awaitServed}, then asks
 * OVH to add the zone, and finally {@link #withdraw} — also when any step failed. Zone names are
 * normalised (lower case, punycode, no trailing dot). Failures are thrown as {@link
 * dev.hostkeep.core.HostkeepException}, retriable when trying again could help.
 */
public interface OwnercheckPublisher {

  /** Publishes {@code ownercheck.<zone>. TXT "<token>"} on the primary, replacing any older one. */
  void publish(String zone, String token);

  /**
   * Returns once the primary serves the token at {@code ownercheck.<zone>}; throws a retriable
   * {@link dev.hostkeep.core.HostkeepException} when it is not served within {@code timeout}.
   */
  void awaitServed(String zone, String token, Duration timeout);

  /** Removes {@code ownercheck.<zone>} again; does nothing when there is none. */
  void withdraw(String zone);
}
