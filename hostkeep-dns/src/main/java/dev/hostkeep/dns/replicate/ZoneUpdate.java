package dev.hostkeep.dns.replicate;

import java.util.List;

/**
 * What one zone on a target must become: its RRset changes, whether the zone exists there yet, and
 * the name servers to create it with when it does not (the target's own NS when configured, else
 * the source's).
 */
public record ZoneUpdate(
    String zone, boolean exists, List<RRsetChange> changes, List<String> nameservers) {
  public ZoneUpdate {
    changes = List.copyOf(changes);
    nameservers = List.copyOf(nameservers);
  }
}
