package dev.hostkeep.dns.replicate;

import dev.hostkeep.dns.provider.rfc2136.Rfc2136Client;

/** Zones read by a TSIG-signed AXFR from a primary (the panel's BIND or PowerDNS). */
record AxfrReader(Rfc2136Client client) implements ZoneReader {
  @Override
  public String name() {
    return "AXFR from " + client.config().server();
  }

  @Override
  public ZoneContent read(String zone) {
    return ZoneContent.of(zone, client.transfer(zone));
  }
}
