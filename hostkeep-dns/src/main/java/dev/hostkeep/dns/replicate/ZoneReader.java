package dev.hostkeep.dns.replicate;

import java.util.List;

/** Where replicated zones come from: the panel's DNS server, or zone files on disk. */
interface ZoneReader {

  /** How messages name the source, e.g. {@code AXFR from 192.0.2.53:53}. */
  String name();

  /** Every record of {@code zone}; throws with the reason when the zone cannot be read. */
  ZoneContent read(String zone);

  /** The zones this source offers when the entry lists none; empty when it needs a list. */
  default List<String> zones() {
    return List.of();
  }
}
