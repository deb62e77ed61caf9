package dev.hostkeep.dns.replicate;

import dev.hostkeep.core.apply.ApplySettings;
import java.util.Optional;

/**
 * A DNS service that serves replicated zones (the central DNS), the role a provider plays for
 * {@code replicate}. Implementations are thread-safe: zones are read and written side by side.
 */
public interface ZoneTarget {

  /** Every RRset the target holds for {@code zone} (a normalised name), or empty if it has none. */
  Optional<ZoneContent> read(String zone);

  /**
   * Makes {@code update} take effect as one unit: when this returns, the target confirmed all of
   * it; when it throws, none of it took effect.
   */
  void apply(ZoneUpdate update);

  /** Whether the target can hold RRsets of {@code type}; others are reported, not sent. */
  default boolean supports(String type) {
    return true;
  }

  /**
   * The lowest TTL the target keeps: it raises any lower one to this (Alidns: the account's
   * minimum), so replication asks for no less. 0 when the target keeps every TTL.
   */
  default long minimumTtl() {
    return 0;
  }

  /** Whether the target can create a zone it does not have yet. */
  default boolean createsZones() {
    return false;
  }

  /** Retries and pacing for one zone's update. */
  default ApplySettings zoneSettings() {
    return ApplySettings.DEFAULT;
  }
}
