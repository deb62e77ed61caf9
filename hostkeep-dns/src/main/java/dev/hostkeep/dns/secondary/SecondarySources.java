package dev.hostkeep.dns.secondary;

import dev.hostkeep.core.config.ConfigObject;
import java.util.Set;
import java.util.TreeSet;

/** Reads a {@code source:} mapping into the {@link ZoneSource} it names. */
final class SecondarySources {
  private SecondarySources() {}

  static ZoneSource read(ConfigObject source) {
    Set<String> zones = new TreeSet<>();
    for (String zone : source.strings("list")) {
      zones.add(zone.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("\\.$", ""));
    }
    source.finish();
    return new ZoneSource() {
      @Override
      public String name() {
        return "list";
      }

      @Override
      public ZoneListing read() {
        return ZoneListing.of(zones);
      }
    };
  }
}
