package dev.hostkeep.dns.replicate;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.dns.provider.powerdns.PowerDnsApi;

/** Zones read from a PowerDNS server's API (the panel's PowerDNS), one request per zone. */
record PowerDnsReader(PowerDnsApi api) implements ZoneReader {
  @Override
  public String name() {
    return "PowerDNS API at " + api.config().server();
  }

  @Override
  public ZoneContent read(String zone) {
    return api.read(zone)
        .orElseThrow(
            () ->
                new HostkeepException(
                    "zone " + zone + ": PowerDNS " + api.config().server() + " has no such zone"));
  }
}
