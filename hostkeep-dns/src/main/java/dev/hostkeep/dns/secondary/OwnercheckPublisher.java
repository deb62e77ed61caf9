package dev.hostkeep.dns.secondary;

import java.time.Duration;

/**
 * Publishes a secondary service's ownership token on the primary, as OVH's secondary DNS asks: a
 * TXT record {@code ownercheck.<zone>} holding the token, which the service looks up before it
 * accepts the zone. Zone names are normalised (lower case, punycode, no trailing dot).
 */
public interface OwnercheckPublisher {

  /** Sets {@code ownercheck.<zone> TXT "<token>"} on the primary, replacing any earlier token. */
  void publish(String zone, String token);

  /**
   * Waits until the primary serves {@code token} at {@code ownercheck.<zone>}; throws a retriable
   * {@link dev.hostkeep.core.HostkeepException} if it does not within {@code timeout}.
   */
  void awaitServed(String zone, String token, Duration timeout);

  /** Removes {@code ownercheck.<zone>} TXT from the primary; nothing happens if it is absent. */
  void withdraw(String zone);
}
