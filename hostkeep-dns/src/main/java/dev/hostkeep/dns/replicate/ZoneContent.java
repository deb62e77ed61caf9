package dev.hostkeep.dns.replicate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * What one zone holds: its RRsets by {@linkplain RRset#key() key}, and the SOA serial ({@code -1}
 * when the zone had no SOA, as a target's API may not list it).
 */
public record ZoneContent(String zone, long serial, SortedMap<String, RRset> rrsets) {
  public ZoneContent {
    rrsets = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(rrsets));
  }

  /** The content of {@code zone} from a transfer or a zone file: records grouped into RRsets. */
  public static ZoneContent of(String zone, Collection<Record> records) {
    long serial = -1;
    Map<String, List<Record>> grouped = new LinkedHashMap<>();
    for (Record record : records) {
      if (record instanceof SOARecord soa && serial < 0) {
        serial = soa.getSerial();
      }
      String name = record.getName().toString().toLowerCase(Locale.ROOT);
      grouped
          .computeIfAbsent(RRset.key(name, Type.string(record.getType())), k -> new ArrayList<>())
          .add(record);
    }
    SortedMap<String, RRset> rrsets = new TreeMap<>();
    for (List<Record> set : grouped.values()) {
      Record first = set.getFirst();
      long ttl = set.stream().mapToLong(Record::getTTL).min().orElse(first.getTTL());
      List<String> values = set.stream().map(Presentation::of).toList();
      RRset rrset =
          new RRset(
              first.getName().toString().toLowerCase(Locale.ROOT),
              Type.string(first.getType()),
              ttl,
              values);
      rrsets.put(rrset.key(), rrset);
    }
    return new ZoneContent(zone, serial, rrsets);
  }

  /** The absolute apex name, {@code example.com.}. */
  public String apex() {
    return zone.endsWith(".") ? zone : zone + ".";
  }
}
