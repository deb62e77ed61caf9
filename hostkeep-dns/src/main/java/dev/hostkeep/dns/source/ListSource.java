package dev.hostkeep.dns.source;

import dev.hostkeep.dns.ZoneName;
import dev.hostkeep.dns.secondary.ZoneListing;
import dev.hostkeep.dns.secondary.ZoneSource;
import java.util.List;
import java.util.TreeSet;

/** Zones written out in the config; names were validated when the config was read. */
public final class ListSource implements ZoneSource {
  private final List<ZoneName> zones;

  public ListSource(List<ZoneName> zones) {
    this.zones = List.copyOf(zones);
  }

  @Override
  public String name() {
    return "zone list (" + zones.size() + (zones.size() == 1 ? " zone)" : " zones)");
  }

  @Override
  public ZoneListing read() {
    TreeSet<String> names = new TreeSet<>();
    zones.forEach(zone -> names.add(zone.toString()));
    return ZoneListing.of(names);
  }
}
