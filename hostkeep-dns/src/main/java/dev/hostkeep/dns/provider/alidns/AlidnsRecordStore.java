package dev.hostkeep.dns.provider.alidns;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.apply.ApplySettings;
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
import java.util.Set;

/**
 * The records of an Alidns account. Lookups are exact ({@code DescribeSubDomainRecords}, never the
 * fuzzy {@code DescribeDomainRecords}, which matches {@code www2} for {@code www}); changes address
 * records by {@code RecordId}. TTLs below the account's {@link AlidnsSettings#minTtl()} are raised
 * to it.
 */
public final class AlidnsRecordStore implements RecordStore, ZoneRecords {
  static final int PAGE_SIZE = 100;
  static final int LIST_PAGE_SIZE = 500;
  private static final int MAX_PAGES = 100;

  private final AlidnsSettings settings;
  private final AlidnsClient client;

  AlidnsRecordStore(AlidnsSettings settings, AlidnsClient client) {
    this.settings = settings;
    this.client = client;
  }

  /** A store whose request timestamps come from {@code clock}. Nothing is sent until it is used. */
  public static AlidnsRecordStore open(AlidnsSettings settings, Clock clock) {
    return new AlidnsRecordStore(
        settings,
        new AlidnsClient(
            settings.endpoint(),
            settings.accessKeyId(),
            settings.accessKeySecret(),
            settings.timeout(),
            clock));
  }

  public AlidnsSettings alidnsSettings() {
    return settings;
  }

  /** One request per page of 100 records (one in practice). */
  @Override
  public List<DnsRecord> find(String zone, String name, String type) {
    String wantedName = RecordNames.normalise(name);
    String wantedType = type.toUpperCase(Locale.ROOT);
    List<DnsRecord> found = new ArrayList<>();
    for (int page = 1; page <= MAX_PAGES; page++) {
      Map<String, String> params = new LinkedHashMap<>();
      params.put("DomainName", RecordNames.normalise(zone));
      params.put("SubDomain", wantedName);
      params.put("Type", wantedType);
      params.put("PageNumber", Integer.toString(page));
      params.put("PageSize", Integer.toString(PAGE_SIZE));
      JsonNode answer = client.call("DescribeSubDomainRecords", params);
      JsonNode records = answer.path("DomainRecords").path("Record");
      for (JsonNode record : records) {
        DnsRecord read = record(record, zone);
        if (read.name().equals(wantedName) && read.type().equals(wantedType)) {
          found.add(read);
        }
      }
      long total = answer.path("TotalCount").asLong(0);
      if (records.isEmpty() || (long) page * PAGE_SIZE >= total) {
        return List.copyOf(found);
      }
    }
    throw new HostkeepException(
        "Alidns DescribeSubDomainRecords "
            + name
            + " "
            + type
            + ": more than "
            + MAX_PAGES * PAGE_SIZE
            + " records, giving up");
  }

  @Override
  public DnsRecord create(String zone, String name, String type, String value, int ttl) {
    int sent = ttl(ttl);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("DomainName", RecordNames.normalise(zone));
    params.put("RR", RecordNames.relative(name, zone));
    params.put("Type", type.toUpperCase(Locale.ROOT));
    params.put("Value", value(type.toUpperCase(Locale.ROOT), value));
    params.put("TTL", Integer.toString(sent));
    JsonNode answer = client.call("AddDomainRecord", params);
    return new DnsRecord(answer.path("RecordId").asText(), name, type, value, sent);
  }

  /**
   * One request; when Alidns answers {@code DomainRecordDuplicate}, a second ({@code
   * DescribeDomainRecordInfo}) tells "the record already has this value" (a success) from "another
   * record of that name and type already has it" (an error).
   */
  @Override
  public DnsRecord update(String zone, DnsRecord existing, String value, int ttl) {
    if (existing.id() == null || existing.id().isBlank()) {
      throw new IllegalArgumentException(
          "Alidns updates records by id; " + existing.describe() + " has none: find it first");
    }
    int sent = ttl(ttl);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("RecordId", existing.id());
    params.put("RR", RecordNames.relative(existing.name(), zone));
    params.put("Type", existing.type());
    params.put("Value", value);
    params.put("TTL", Integer.toString(sent));
    try {
      JsonNode answer = client.call("UpdateDomainRecord", params);
      return existing.withId(answer.path("RecordId").asText(existing.id())).withValue(value, sent);
    } catch (AlidnsApiException e) {
      if (e.hasCode("DomainRecordNotBelongToUser")) {
        throw gone(existing, e);
      }
      if (e.hasCode("DomainRecordDuplicate")) {
        return alreadySet(zone, existing, value, e);
      }
      throw e;
    }
  }

  @Override
  public ApplySettings settings() {
    return settings.apply();
  }

  /** Types replication writes here; MX and SRV need Alidns's Priority field, not yet. */
  private static final Set<String> ZONE_TYPES = Set.of("A", "AAAA", "CNAME", "TXT");

  @Override
  public boolean supports(String type) {
    return ZONE_TYPES.contains(type);
  }

  /** {@inheritDoc} {@code DescribeDomainRecords}, 500 records per request. */
  @Override
  public List<DnsRecord> list(String zone) {
    List<DnsRecord> found = new ArrayList<>();
    for (int page = 1; page <= MAX_PAGES; page++) {
      Map<String, String> params = new LinkedHashMap<>();
      params.put("DomainName", RecordNames.normalise(zone));
      params.put("PageNumber", Integer.toString(page));
      params.put("PageSize", Integer.toString(LIST_PAGE_SIZE));
      JsonNode answer = client.call("DescribeDomainRecords", params);
      JsonNode records = answer.path("DomainRecords").path("Record");
      for (JsonNode node : records) {
        DnsRecord record = record(node, zone);
        found.add(record.withValue(presentation(record.type(), record.value()), record.ttl()));
      }
      if (records.isEmpty()
          || (long) page * LIST_PAGE_SIZE >= answer.path("TotalCount").asLong(0)) {
        return found;
      }
    }
    throw new HostkeepException(
        "Alidns domain "
            + zone
            + ": more than "
            + MAX_PAGES * LIST_PAGE_SIZE
            + " records, giving up");
  }

  @Override
  public DnsRecord add(String zone, String name, String type, String value, int ttl) {
    return create(zone, name, type, value, ttl);
  }

  @Override
  public void remove(String zone, DnsRecord record) {
    client.call("DeleteDomainRecord", Map.of("RecordId", record.id()));
  }

  /** Alidns's value for a presentation value: TXT unquoted, names without the trailing dot. */
  private static String value(String type, String value) {
    return switch (type) {
      case "CNAME" -> value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
      case "TXT" ->
          value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2
              ? value.substring(1, value.length() - 1).replace("\" \"", "").replace("\\\"", "\"")
              : value;
      default -> value;
    };
  }

  private static String presentation(String type, String value) {
    return switch (type) {
      case "CNAME" -> value.endsWith(".") ? value : value + ".";
      case "TXT" -> "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
      default -> value;
    };
  }

  private DnsRecord alreadySet(
      String zone, DnsRecord existing, String value, AlidnsApiException duplicate) {
    JsonNode info;
    try {
      info = client.call("DescribeDomainRecordInfo", Map.of("RecordId", existing.id()));
    } catch (AlidnsApiException e) {
      if (e.hasCode("DomainRecordNotBelongToUser")) {
        throw gone(existing, e);
      }
      throw e;
    }
    DnsRecord current = record(info, zone);
    if (current.value().equals(value)) {
      return current;
    }
    throw new ValueHeldElsewhereException(
        duplicate.getMessage(), existing, current.value(), value, "the Alidns console", duplicate);
  }

  private static RecordGoneException gone(DnsRecord existing, AlidnsApiException e) {
    return new RecordGoneException(
        "Alidns no longer has record "
            + existing.id()
            + " ("
            + existing.describe()
            + "): "
            + e.getMessage());
  }

  private static DnsRecord record(JsonNode record, String zone) {
    String domain = record.path("DomainName").asText(zone);
    return new DnsRecord(
        record.path("RecordId").asText(),
        RecordNames.absolute(record.path("RR").asText(), domain),
        record.path("Type").asText(),
        record.path("Value").asText(),
        record.path("TTL").asInt());
  }

  @Override
  public long minimumTtl() {
    return settings.minTtl();
  }

  private int ttl(int asked) {
    return Math.max(asked, settings.minTtl());
  }

  @Override
  public String toString() {
    return "Alidns account " + settings.accessKeyId() + " at " + settings.endpoint();
  }
}
