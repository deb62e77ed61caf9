package dev.hostkeep.dns.provider.cloudflare;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.apply.ApplySettings;
import dev.hostkeep.dns.provider.ProviderHttp;
import dev.hostkeep.dns.record.DnsRecord;
import dev.hostkeep.dns.record.RecordGoneException;
import dev.hostkeep.dns.record.RecordNames;
import dev.hostkeep.dns.record.RecordStore;
import dev.hostkeep.dns.record.ValueHeldElsewhereException;
import dev.hostkeep.dns.replicate.ZoneRecords;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The DNS records of a Cloudflare account (what a {@code type: cloudflare} provider entry
 * configures). Zones are addressed by id: the first call for a zone looks its id up ({@code GET
 * /zones?name=}, one extra request per zone and process) and keeps it. A proxied record is read and
 * compared by the origin address the API returns, and an update leaves {@code proxied} as it was.
 * Creating a record that exists already, or giving a record a value an identical record already has
 * (Cloudflare's 81057/81058), counts as done.
 */
public final class CloudflareRecordStore implements RecordStore, ZoneRecords {
  private static final int IDENTICAL_EXISTS = 81058;
  private static final int ALREADY_EXISTS = 81057;
  private static final int NO_SUCH_RECORD = 81044;
  private static final int NO_SUCH_ZONE_ID = 7003;

  private final CloudflareSettings settings;
  private final CloudflareClient client;
  private final Map<String, String> zoneIds = new ConcurrentHashMap<>();

  private CloudflareRecordStore(CloudflareSettings settings, CloudflareClient client) {
    this.settings = settings;
    this.client = client;
  }

  /** A store for {@code settings}; {@code clock} reads HTTP-date {@code Retry-After} headers. */
  public static CloudflareRecordStore open(CloudflareSettings settings, Clock clock) {
    return new CloudflareRecordStore(
        settings,
        new CloudflareClient(settings.baseUrl(), settings.apiToken(), settings.timeout(), clock));
  }

  public CloudflareSettings cloudflareSettings() {
    return settings;
  }

  /**
   * {@inheritDoc} One request ({@code GET /zones/{id}/dns_records?type=&name.exact=}), plus the
   * zone id lookup the first time a zone is used. At most 100 records are read: more records of one
   * name and type than that is not a case this store handles.
   */
  @Override
  public List<DnsRecord> find(String zone, String name, String type) {
    String owner = inZone(name, zone);
    String wanted = type.toUpperCase(Locale.ROOT);
    JsonNode result =
        withZone(
            zone,
            id ->
                client.get(
                    "/zones/"
                        + id
                        + "/dns_records?type="
                        + ProviderHttp.segment(wanted)
                        + "&name.exact="
                        + ProviderHttp.segment(owner)
                        + "&per_page=100"));
    List<DnsRecord> records = new ArrayList<>();
    for (JsonNode node : result) {
      DnsRecord record = record(node);
      // Cloudflare filters by exact name already; checking again costs nothing.
      if (record.name().equals(owner) && record.type().equals(wanted)) {
        records.add(record);
      }
    }
    return records;
  }

  /**
   * {@inheritDoc} One request ({@code POST /zones/{id}/dns_records}, not proxied); when Cloudflare
   * says the record exists already, a second one ({@link #find}) returns it.
   */
  @Override
  public DnsRecord create(String zone, String name, String type, String value, int ttl) {
    String owner = inZone(name, zone);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type.toUpperCase(Locale.ROOT));
    body.put("name", owner);
    body.put("content", content(type.toUpperCase(Locale.ROOT), value));
    body.put("ttl", ttl(ttl));
    try {
      return record(withZone(zone, id -> client.post("/zones/" + id + "/dns_records", body)));
    } catch (CloudflareApiException e) {
      if (!e.has(IDENTICAL_EXISTS) && !e.has(ALREADY_EXISTS)) {
        throw e;
      }
      return find(zone, owner, type).stream()
          .filter(r -> r.value().equalsIgnoreCase(value))
          .findFirst()
          .orElseThrow(() -> e);
    }
  }

  /**
   * {@inheritDoc} One request ({@code PATCH /zones/{id}/dns_records/{record id}} with the content
   * and TTL only, so {@code proxied}, comments and tags stay as they were). A record whose TTL is
   * automatic ({@code 1}, as every proxied record's is) keeps it: only its content is sent.
   */
  @Override
  public DnsRecord update(String zone, DnsRecord existing, String value, int ttl) {
    if (existing.id() == null) {
      throw new IllegalArgumentException(
          "Cloudflare updates records by id; " + existing.describe() + " has none");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("content", value);
    if (existing.ttl() != 1) {
      body.put("ttl", ttl(ttl));
    }
    String path = "/dns_records/" + ProviderHttp.segment(existing.id());
    try {
      return record(withZone(zone, id -> client.patch("/zones/" + id + path, body)));
    } catch (CloudflareApiException e) {
      if (e.has(IDENTICAL_EXISTS)) {
        return alreadySet(zone, existing, value, path, e);
      }
      if (e.has(NO_SUCH_RECORD) || (e.status() == 404 && !e.has(NO_SUCH_ZONE_ID))) {
        throw new RecordGoneException(
            "Cloudflare has no record "
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
  }

  /**
   * Cloudflare refused a change as identical to a record (81058): a success if that record is the
   * one changed and holds the value already; if another record of the name has it, the one changed
   * still serves its old value, which must not pass for done.
   */
  private DnsRecord alreadySet(
      String zone,
      DnsRecord existing,
      String value,
      String path,
      CloudflareApiException identical) {
    DnsRecord current = record(withZone(zone, id -> client.get("/zones/" + id + path)));
    if (current.value().equalsIgnoreCase(value)) {
      return current;
    }
    throw new ValueHeldElsewhereException(
        identical.getMessage(),
        existing,
        current.value(),
        value,
        "the Cloudflare dashboard",
        identical);
  }

  @Override
  public ApplySettings settings() {
    return settings.apply();
  }

  /**
   * Types replication writes here; MX, SRV and CAA need Cloudflare's structured fields, not yet.
   */
  private static final Set<String> ZONE_TYPES = Set.of("A", "AAAA", "CNAME", "NS", "TXT");

  @Override
  public boolean supports(String type) {
    return ZONE_TYPES.contains(type);
  }

  /**
   * {@inheritDoc} One request ({@code GET /zones/{id}/dns_records?per_page=5000}); a zone that
   * fills the page is refused rather than read in part.
   */
  @Override
  public List<DnsRecord> list(String zone) {
    JsonNode result =
        withZone(zone, id -> client.get("/zones/" + id + "/dns_records?per_page=5000"));
    if (result.size() >= 5000) {
      throw new HostkeepException(
          "Cloudflare zone " + zone + " has 5000 records or more; replicating it is not supported");
    }
    List<DnsRecord> records = new ArrayList<>();
    for (JsonNode node : result) {
      DnsRecord record = record(node);
      records.add(record.withValue(presentation(record.type(), record.value()), record.ttl()));
    }
    return records;
  }

  @Override
  public DnsRecord add(String zone, String name, String type, String value, int ttl) {
    return create(zone, name, type, value, ttl);
  }

  @Override
  public void remove(String zone, DnsRecord record) {
    String path = "/dns_records/" + ProviderHttp.segment(record.id());
    withZone(zone, id -> client.delete("/zones/" + id + path));
  }

  /** Cloudflare's content for a presentation value: names without the trailing dot. */
  private static String content(String type, String value) {
    return ("CNAME".equals(type) || "NS".equals(type)) && value.endsWith(".")
        ? value.substring(0, value.length() - 1)
        : value;
  }

  private static String presentation(String type, String content) {
    return switch (type) {
      case "CNAME", "NS" -> content.endsWith(".") ? content : content + ".";
      case "TXT" ->
          content.startsWith("\"") ? content : "\"" + content.replace("\"", "\\\"") + "\"";
      default -> content;
    };
  }

  /**
   * Runs {@code call} with the id of {@code zone}; when Cloudflare no longer knows a kept id, it is
   * dropped and the failure is retriable, so the next attempt looks the zone up again.
   */
  private JsonNode withZone(String zone, Function<String, JsonNode> call) {
    String id = zoneId(zone);
    try {
      return call.apply(id);
    } catch (CloudflareApiException e) {
      if (!e.has(NO_SUCH_ZONE_ID)) {
        throw e;
      }
      zoneIds.remove(RecordNames.normalise(zone), id);
      throw HostkeepException.retriable(
          e.getMessage() + "; zone " + zone + " had id " + id + ", it will be looked up again", e);
    }
  }

  private String zoneId(String zone) {
    String name = RecordNames.normalise(zone);
    String known = zoneIds.get(name);
    if (known != null) {
      return known;
    }
    JsonNode zones = client.get("/zones?name=" + ProviderHttp.segment(name));
    Optional<String> id = Optional.empty();
    for (JsonNode candidate : zones) {
      if (RecordNames.normalise(candidate.path("name").asText("")).equals(name)) {
        id = Optional.of(candidate.path("id").asText());
      }
    }
    if (id.isEmpty() || id.get().isEmpty()) {
      throw new HostkeepException(
          "Cloudflare has no zone "
              + name
              + " that this API token can see (GET /zones?name="
              + name
              + " found none); check the zone name, and that api_token has Zone:Read on it");
    }
    zoneIds.putIfAbsent(name, id.get());
    return id.get();
  }

  private static String inZone(String name, String zone) {
    try {
      return RecordNames.absolute(RecordNames.relative(name, zone), zone);
    } catch (IllegalArgumentException e) {
      throw HostkeepException.usage("Cloudflare: " + e.getMessage());
    }
  }

  /** Cloudflare's TTL: 1 means automatic; 0 (the zone's default elsewhere) is sent as 1. */
  private static int ttl(int ttl) {
    return ttl <= 1 ? 1 : ttl;
  }

  private static DnsRecord record(JsonNode node) {
    String id = node.path("id").asText("");
    if (id.isEmpty() || !node.hasNonNull("name") || !node.hasNonNull("content")) {
      throw new HostkeepException(
          "Cloudflare answered a DNS record without id, name or content: " + node);
    }
    return new DnsRecord(
        id,
        node.get("name").asText(),
        node.path("type").asText(),
        node.get("content").asText(),
        node.path("ttl").asInt(1));
  }

  @Override
  public String toString() {
    return "Cloudflare account at " + settings.baseUrl();
  }
}
