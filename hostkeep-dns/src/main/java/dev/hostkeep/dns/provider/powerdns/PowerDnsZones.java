package dev.hostkeep.dns.provider.powerdns;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hostkeep.core.plan.Action;
import dev.hostkeep.dns.replicate.Presentation;
import dev.hostkeep.dns.replicate.RRset;
import dev.hostkeep.dns.replicate.RRsetChange;
import dev.hostkeep.dns.replicate.ZoneContent;
import dev.hostkeep.dns.replicate.ZoneUpdate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * Whole zones on PowerDNS for {@code replicate}: one {@code GET /zones/<zone>} reads every RRset,
 * one {@code PATCH} writes all of a zone's changes (PowerDNS applies a PATCH in one transaction, so
 * it takes effect whole or not at all), and a zone the server lacks is created {@code Native} with
 * its RRsets in one {@code POST}. Record data is compared in dnsjava's presentation form, so {@code
 * "v=spf1 -all"} read back from PowerDNS equals the same TXT from a zone transfer.
 */
final class PowerDnsZones {
  private final PowerDnsApi api;

  PowerDnsZones(PowerDnsApi api) {
    this.api = api;
  }

  Optional<ZoneContent> read(String zone) {
    String path = "/zones/" + zone + ".";
    PowerDnsApi.Answer answer = api.get(path);
    if (answer.status() == 404 || answer.status() == 422 && answer.error().contains("not find")) {
      return Optional.empty();
    }
    JsonNode body = api.require(answer, "GET", path, "reading zone " + zone).body();
    long serial = -1;
    TreeMap<String, RRset> rrsets = new TreeMap<>();
    for (JsonNode rrset : body.path("rrsets")) {
      String name = rrset.path("name").asText().toLowerCase(Locale.ROOT);
      String type = rrset.path("type").asText().toUpperCase(Locale.ROOT);
      long ttl = rrset.path("ttl").asLong();
      List<String> values = new ArrayList<>();
      for (JsonNode record : rrset.path("records")) {
        if (!record.path("disabled").asBoolean(false)) {
          Record parsed = parse(name, type, ttl, record.path("content").asText());
          if (parsed instanceof SOARecord soa) {
            serial = soa.getSerial();
          }
          values.add(parsed == null ? record.path("content").asText() : Presentation.of(parsed));
        }
      }
      if (!values.isEmpty()) {
        RRset set = new RRset(name, type, ttl, values);
        rrsets.put(set.key(), set);
      }
    }
    return Optional.of(new ZoneContent(zone, serial, rrsets));
  }

  void apply(ZoneUpdate update) {
    if (!update.exists()) {
      create(update);
      return;
    }
    String path = "/zones/" + update.zone() + ".";
    List<Map<String, Object>> rrsets = new ArrayList<>();
    for (RRsetChange change : update.changes()) {
      RRset rrset = change.either();
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("name", rrset.name());
      json.put("type", rrset.type());
      if (change.action() == Action.DELETE) {
        json.put("changetype", "DELETE");
      } else {
        json.put("ttl", rrset.ttl());
        json.put("changetype", "REPLACE");
        json.put("records", records(rrset));
      }
      rrsets.add(json);
    }
    api.require(
        api.patch(path, Map.of("rrsets", rrsets)),
        "PATCH",
        path,
        "updating zone " + update.zone() + " (" + rrsets.size() + " RRsets)");
  }

  private void create(ZoneUpdate update) {
    List<Map<String, Object>> rrsets = new ArrayList<>();
    boolean apexNs = false;
    for (RRsetChange change : update.changes()) {
      RRset rrset = change.after();
      if (rrset == null) {
        continue;
      }
      apexNs |= "NS".equals(rrset.type()) && rrset.name().equals(update.zone() + ".");
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("name", rrset.name());
      json.put("type", rrset.type());
      json.put("ttl", rrset.ttl());
      json.put("records", records(rrset));
      rrsets.add(json);
    }
    Map<String, Object> zone = new LinkedHashMap<>();
    zone.put("name", update.zone() + ".");
    zone.put("kind", "Native");
    zone.put("nameservers", apexNs ? List.of() : update.nameservers());
    zone.put("rrsets", rrsets);
    api.require(api.post("/zones", zone), "POST", "/zones", "creating zone " + update.zone());
  }

  private static List<Map<String, Object>> records(RRset rrset) {
    return rrset.values().stream()
        .map(v -> Map.<String, Object>of("content", v, "disabled", false))
        .toList();
  }

  private static Record parse(String name, String type, long ttl, String content) {
    try {
      return Record.fromString(
          Name.fromString(name), Type.value(type), DClass.IN, ttl, content, Name.root);
    } catch (java.io.IOException | RuntimeException e) {
      return null; // a type dnsjava does not know: compared as PowerDNS wrote it
    }
  }
}
