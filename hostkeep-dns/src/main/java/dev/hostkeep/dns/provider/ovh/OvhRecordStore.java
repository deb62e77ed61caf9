package dev.hostkeep.dns.provider.ovh;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.apply.ApplySettings;
import dev.hostkeep.dns.provider.ProviderHttp;
import dev.hostkeep.dns.record.DnsRecord;
import dev.hostkeep.dns.record.RecordGoneException;
import dev.hostkeep.dns.record.RecordNames;
import dev.hostkeep.dns.record.RecordStore;
import dev.hostkeep.dns.replicate.ZoneRecords;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The records of the DNS zones an OVH account hosts ({@code /domain/zone/{zone}/record}). OVH keeps
 * one value per record and stages changes until {@code POST /domain/zone/{zone}/refresh}, so {@link
 * #create} and {@link #update} cost two requests each (the change, then the refresh that publishes
 * it), and {@link #find} costs 1 + N (the list of ids, then each record).
 */
final class OvhRecordStore implements RecordStore, ZoneRecords {
  private final OvhClient client;
  private final ApplySettings settings;

  OvhRecordStore(OvhClient client, ApplySettings settings) {
    this.client = client;
    this.settings = settings;
  }

  /**
   * {@inheritDoc} OVH answers the list call with ids only, so this is one request for the ids
   * ({@code ?fieldType=&subDomain=}, both exact filters) and one more per record found.
   */
  @Override
  public List<DnsRecord> find(String zone, String name, String type) {
    String subDomain = subDomain(name, zone);
    String wanted = type.toUpperCase(Locale.ROOT);
    String list =
        records(zone)
            + "?fieldType="
            + ProviderHttp.segment(wanted)
            + "&subDomain="
            + ProviderHttp.segment(subDomain);
    JsonNode ids;
    try {
      ids = client.get(list);
    } catch (OvhApiException e) {
      throw e.status() == 404 ? noSuchZone(zone, e) : e;
    }
    if (!ids.isArray()) {
      throw new HostkeepException("OVH GET " + list + " answered " + ids + ", not a list of ids");
    }
    List<DnsRecord> found = new ArrayList<>();
    for (JsonNode id : ids) {
      JsonNode node;
      try {
        node = client.get(records(zone) + "/" + id.asText());
      } catch (OvhApiException e) {
        if (e.status() == 404) {
          continue; // deleted between the two calls
        }
        throw e;
      }
      // The filters are exact on OVH's side; checking again keeps a www2 out of www for sure.
      if (node.path("subDomain").asText("").equals(subDomain)
          && node.path("fieldType").asText("").equalsIgnoreCase(wanted)) {
        found.add(record(zone, node));
      }
    }
    return found;
  }

  /** {@inheritDoc} Two requests: {@code POST .../record}, then the zone's refresh. */
  @Override
  public DnsRecord create(String zone, String name, String type, String value, int ttl) {
    DnsRecord record = add(zone, name, type, value, ttl);
    refresh(zone, record);
    return record;
  }

  /** {@inheritDoc} One request, {@code POST .../record}: staged until {@link #publish}. */
  @Override
  public DnsRecord add(String zone, String name, String type, String value, int ttl) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("fieldType", type.toUpperCase(Locale.ROOT));
    body.put("subDomain", subDomain(name, zone));
    body.put("target", value);
    body.put("ttl", ttl);
    JsonNode created;
    try {
      created = client.post(records(zone), body);
    } catch (OvhApiException e) {
      throw e.status() == 404 ? noSuchZone(zone, e) : e;
    }
    return record(zone, created);
  }

  /**
   * {@inheritDoc} Two requests: {@code PUT .../record/{id}} with the target and TTL, then the
   * zone's refresh. Setting the value a record has is an ordinary PUT for OVH.
   */
  @Override
  public DnsRecord update(String zone, DnsRecord existing, String value, int ttl) {
    if (existing.id() == null) {
      throw new IllegalArgumentException(
          "OVH updates records by id; " + existing.describe() + " has none");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("target", value);
    body.put("ttl", ttl);
    try {
      client.put(records(zone) + "/" + ProviderHttp.segment(existing.id()), body);
    } catch (OvhApiException e) {
      if (e.status() == 404) {
        throw new RecordGoneException(
            "OVH has no record "
                + existing.id()
                + " ("
                + existing.describe()
                + ") in zone "
                + zone
                + " any more: "
                + e.getMessage());
      }
      throw e;
    }
    DnsRecord updated = existing.withValue(value, ttl);
    refresh(zone, updated);
    return updated;
  }

  @Override
  public ApplySettings settings() {
    return settings;
  }

  @Override
  public boolean supports(String type) {
    return !"SOA".equals(type);
  }

  /** {@inheritDoc} One request for the ids, and one per record. */
  @Override
  public List<DnsRecord> list(String zone) {
    JsonNode ids;
    try {
      ids = client.get(records(zone));
    } catch (OvhApiException e) {
      throw e.status() == 404 ? noSuchZone(zone, e) : e;
    }
    List<DnsRecord> found = new ArrayList<>();
    for (JsonNode id : ids) {
      try {
        found.add(record(zone, client.get(records(zone) + "/" + id.asText())));
      } catch (OvhApiException e) {
        if (e.status() != 404) {
          throw e; // a 404: deleted between the two calls
        }
      }
    }
    return found;
  }

  /** {@inheritDoc} One request, {@code DELETE .../record/{id}}: staged until {@link #publish}. */
  @Override
  public void remove(String zone, DnsRecord record) {
    client.delete(records(zone) + "/" + ProviderHttp.segment(record.id()));
  }

  /** {@inheritDoc} The zone's refresh: OVH serves staged changes only after it. */
  @Override
  public void publish(String zone) {
    client.post("/domain/zone/" + ProviderHttp.segment(zone) + "/refresh", null);
  }

  private void refresh(String zone, DnsRecord changed) {
    try {
      client.post("/domain/zone/" + ProviderHttp.segment(zone) + "/refresh", null);
    } catch (HostkeepException e) {
      String message =
          changed.describe()
              + " (record "
              + changed.id()
              + ") is staged at OVH but not published: "
              + e.getMessage()
              + "; the next change or refresh of zone "
              + zone
              + " publishes it";
      throw e.retryAfter().isPresent()
          ? HostkeepException.throttled(message, e.retryAfter().get())
          : new HostkeepException(e.exitCode(), e.retriable(), message, e);
    }
  }

  private static DnsRecord record(String zone, JsonNode node) {
    if (!node.hasNonNull("id") || !node.hasNonNull("fieldType") || !node.hasNonNull("target")) {
      throw new HostkeepException("OVH answered a record without id, fieldType or target: " + node);
    }
    return new DnsRecord(
        node.get("id").asText(),
        RecordNames.absolute(node.path("subDomain").asText(""), zone),
        node.get("fieldType").asText(),
        node.get("target").asText(),
        node.path("ttl").asInt(0));
  }

  private static String subDomain(String name, String zone) {
    try {
      String relative = RecordNames.relative(name, zone);
      return relative.equals("@") ? "" : relative;
    } catch (IllegalArgumentException e) {
      throw HostkeepException.usage("OVH: " + e.getMessage());
    }
  }

  private static String records(String zone) {
    return "/domain/zone/" + ProviderHttp.segment(RecordNames.normalise(zone)) + "/record";
  }

  private static HostkeepException noSuchZone(String zone, OvhApiException e) {
    return new HostkeepException(
        "OVH has no DNS zone "
            + zone
            + " in this account (404 on "
            + records(zone)
            + "); check the zone name: GET /domain/zone lists the account's zones",
        e);
  }
}
