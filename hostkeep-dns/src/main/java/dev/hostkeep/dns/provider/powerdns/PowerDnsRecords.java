package dev.hostkeep.dns.provider.powerdns;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hostkeep.dns.record.DnsRecord;
import dev.hostkeep.dns.record.RecordNames;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Records on a PowerDNS server through its API, addressed as record sets (PowerDNS has no record
 * ids). A lookup is one {@code search-data} call filtered to the exact name and type; a write is
 * one {@code PATCH} of the zone that replaces the set with the new value. PowerDNS has no
 * prerequisites, so a set deleted by hand is recreated by the next write.
 */
final class PowerDnsRecords {
  private static final int MAX_RESULTS = 1000;

  private final PowerDnsApi api;

  PowerDnsRecords(PowerDnsApi api) {
    this.api = api;
  }

  List<DnsRecord> find(String zone, String name, String type) {
    String path =
        "/search-data?object_type=record&max="
            + MAX_RESULTS
            + "&q="
            + URLEncoder.encode(name, StandardCharsets.UTF_8);
    JsonNode results =
        api.require(api.get(path), "GET", path, "looking up " + name + " " + type).body();
    String wanted = RecordNames.normalise(name);
    String zoneId = zone + ".";
    List<DnsRecord> out = new ArrayList<>();
    for (JsonNode result : results) {
      boolean match =
          "record".equals(result.path("object_type").asText())
              && RecordNames.normalise(result.path("name").asText()).equals(wanted)
              && result.path("type").asText().equalsIgnoreCase(type)
              && result.path("zone_id").asText(zoneId).equalsIgnoreCase(zoneId)
              && !result.path("disabled").asBoolean(false);
      if (match) {
        out.add(
            new DnsRecord(
                null,
                wanted,
                type.toUpperCase(Locale.ROOT),
                result.path("content").asText(),
                result.path("ttl").asInt()));
      }
    }
    return out;
  }

  DnsRecord replace(String zone, String name, String type, String value, int ttl) {
    String path = "/zones/" + zone + ".";
    Map<String, Object> rrset =
        Map.of(
            "name",
            RecordNames.normalise(name) + ".",
            "type",
            type.toUpperCase(Locale.ROOT),
            "ttl",
            ttl,
            "changetype",
            "REPLACE",
            "records",
            List.of(Map.of("content", value, "disabled", false)));
    api.require(
        api.patch(path, Map.of("rrsets", List.of(rrset))),
        "PATCH",
        path,
        "setting " + name + " " + type);
    return new DnsRecord(null, name, type, value, ttl);
  }
}
