package dev.hostkeep.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The zones and records of a {@link FakeAlidns} account and the record actions on them, with
 * Alidns's rules: RR stored lower case, ids are numeric strings, exact sub-domain lookups, an
 * identical record is {@code DomainRecordDuplicate}, a CNAME beside other data is {@code
 * DomainRecordConflict}, an unknown id is {@code DomainRecordNotBelongToUser}.
 */
final class FakeAlidnsZones {
  private final Set<String> zones = new LinkedHashSet<>();
  private final Map<String, FakeAlidnsRecord> records = new LinkedHashMap<>();
  private final AtomicLong ids = new AtomicLong(1_900_000_000_000_000_000L);
  private volatile int minTtl = 600;

  void minTtl(int value) {
    minTtl = value;
  }

  synchronized void addZone(String zone) {
    zones.add(zone.toLowerCase(Locale.ROOT));
  }

  synchronized boolean hasZone(String zone) {
    return zones.contains(zone);
  }

  synchronized FakeAlidnsRecord add(String zone, String rr, String type, String value, int ttl) {
    String id = Long.toString(ids.incrementAndGet());
    FakeAlidnsRecord record =
        new FakeAlidnsRecord(
            id, zone, rr.toLowerCase(Locale.ROOT), type.toUpperCase(Locale.ROOT), value, ttl);
    records.put(id, record);
    return record;
  }

  synchronized Optional<FakeAlidnsRecord> record(String id) {
    return Optional.ofNullable(records.get(id));
  }

  synchronized boolean delete(String id) {
    return records.remove(id) != null;
  }

  synchronized List<FakeAlidnsRecord> records(String zone) {
    return records.values().stream().filter(r -> r.domain().equals(zone)).toList();
  }

  synchronized FakeAlidnsAnswer handle(String action, Map<String, String> p) {
    return switch (action) {
      case "DescribeSubDomainRecords" -> describeSubDomain(p);
      case "DescribeDomainRecords" -> describeDomain(p);
      case "DescribeDomainRecordInfo" -> describeInfo(p);
      case "AddDomainRecord" -> addRecord(p);
      case "UpdateDomainRecord" -> updateRecord(p);
      case "DeleteDomainRecord" -> deleteRecord(p);
      default ->
          FakeAlidnsAnswer.error(
              404,
              "InvalidAction.NotFound",
              "Specified api is not found, please check your url and method.");
    };
  }

  private FakeAlidnsAnswer describeSubDomain(Map<String, String> p) {
    String missing = missing(p, "SubDomain");
    if (missing != null) {
      return missingParameter(missing);
    }
    String sub = p.get("SubDomain").toLowerCase(Locale.ROOT);
    String zone = p.containsKey("DomainName") ? p.get("DomainName").toLowerCase(Locale.ROOT) : null;
    if (zone == null) {
      zone =
          zones.stream()
              .filter(z -> sub.equals(z) || sub.endsWith("." + z))
              .findFirst()
              .orElse(null);
    }
    if (zone == null || !zones.contains(zone)) {
      return noSuchDomain(zone == null ? sub : zone);
    }
    if (!sub.equals(zone) && !sub.endsWith("." + zone)) {
      return FakeAlidnsAnswer.badRequest(
          "InvalidParameter.SubDomain", "The SubDomain " + sub + " is not in " + zone + ".");
    }
    String rr = sub.equals(zone) ? "@" : sub.substring(0, sub.length() - zone.length() - 1);
    String type = p.get("Type");
    String z = zone;
    List<FakeAlidnsRecord> matching =
        records.values().stream()
            .filter(r -> r.domain().equals(z) && r.rr().equals(rr))
            .filter(r -> type == null || r.type().equalsIgnoreCase(type))
            .toList();
    return page(p, matching);
  }

  /** One page of {@code matching} as {@code PageNumber} and {@code PageSize} (at most 500) ask. */
  private static FakeAlidnsAnswer page(Map<String, String> p, List<FakeAlidnsRecord> matching) {
    int page = Math.max(1, parse(p.get("PageNumber"), 1));
    int size = Math.min(500, Math.max(1, parse(p.get("PageSize"), 20)));
    List<Object> pageRecords = new ArrayList<>();
    for (int i = (page - 1) * size; i < Math.min(matching.size(), page * size); i++) {
      pageRecords.add(json(matching.get(i)));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("TotalCount", (long) matching.size());
    body.put("PageNumber", (long) page);
    body.put("PageSize", (long) size);
    body.put("DomainRecords", Map.of("Record", pageRecords));
    return FakeAlidnsAnswer.ok(body);
  }

  /** Every record of a domain, paged; {@code TypeKeyWord} exact, as the real API filters it. */
  private FakeAlidnsAnswer describeDomain(Map<String, String> p) {
    String missing = missing(p, "DomainName");
    if (missing != null) {
      return missingParameter(missing);
    }
    String zone = p.get("DomainName").toLowerCase(Locale.ROOT);
    if (!zones.contains(zone)) {
      return noSuchDomain(zone);
    }
    String type = p.get("TypeKeyWord");
    List<FakeAlidnsRecord> matching =
        records.values().stream()
            .filter(r -> r.domain().equals(zone))
            .filter(r -> type == null || r.type().equalsIgnoreCase(type))
            .toList();
    return page(p, matching);
  }

  private FakeAlidnsAnswer describeInfo(Map<String, String> p) {
    String missing = missing(p, "RecordId");
    if (missing != null) {
      return missingParameter(missing);
    }
    FakeAlidnsRecord record = records.get(p.get("RecordId"));
    return record == null ? notBelong() : FakeAlidnsAnswer.ok(json(record));
  }

  private FakeAlidnsAnswer addRecord(Map<String, String> p) {
    String missing = missing(p, "DomainName", "RR", "Type", "Value");
    if (missing != null) {
      return missingParameter(missing);
    }
    String zone = p.get("DomainName").toLowerCase(Locale.ROOT);
    if (!zones.contains(zone)) {
      return noSuchDomain(zone);
    }
    FakeAlidnsRecord wanted =
        new FakeAlidnsRecord(
            null,
            zone,
            p.get("RR").toLowerCase(Locale.ROOT),
            p.get("Type").toUpperCase(Locale.ROOT),
            p.get("Value"),
            parse(p.get("TTL"), 600));
    FakeAlidnsAnswer refused = check(wanted, null);
    if (refused != null) {
      return refused;
    }
    FakeAlidnsRecord added = add(zone, wanted.rr(), wanted.type(), wanted.value(), wanted.ttl());
    return FakeAlidnsAnswer.ok(Map.of("RecordId", added.id()));
  }

  private FakeAlidnsAnswer updateRecord(Map<String, String> p) {
    String missing = missing(p, "RecordId", "RR", "Type", "Value");
    if (missing != null) {
      return missingParameter(missing);
    }
    FakeAlidnsRecord old = records.get(p.get("RecordId"));
    if (old == null) {
      return notBelong();
    }
    FakeAlidnsRecord wanted =
        old.with(
            p.get("RR").toLowerCase(Locale.ROOT),
            p.get("Type").toUpperCase(Locale.ROOT),
            p.get("Value"),
            parse(p.get("TTL"), 600));
    if (wanted.equals(old)) {
      return duplicate();
    }
    FakeAlidnsAnswer refused = check(wanted, old.id());
    if (refused != null) {
      return refused;
    }
    records.put(old.id(), wanted);
    return FakeAlidnsAnswer.ok(Map.of("RecordId", old.id()));
  }

  private FakeAlidnsAnswer deleteRecord(Map<String, String> p) {
    String missing = missing(p, "RecordId");
    if (missing != null) {
      return missingParameter(missing);
    }
    String id = p.get("RecordId");
    return records.remove(id) == null ? notBelong() : FakeAlidnsAnswer.ok(Map.of("RecordId", id));
  }

  /** Refuses a TTL under the edition's minimum, a duplicate of another record, a CNAME clash. */
  private FakeAlidnsAnswer check(FakeAlidnsRecord wanted, String ownId) {
    if (wanted.ttl() < minTtl || wanted.ttl() > 86400) {
      return FakeAlidnsAnswer.badRequest(
          "QuotaExceeded.TTL",
          "The TTL " + wanted.ttl() + " is out of the range your edition allows (" + minTtl + ").");
    }
    for (FakeAlidnsRecord other : records.values()) {
      if (other.id().equals(ownId)
          || !other.domain().equals(wanted.domain())
          || !other.rr().equals(wanted.rr())) {
        continue;
      }
      if (other.type().equals(wanted.type()) && other.value().equals(wanted.value())) {
        return duplicate();
      }
      if (!other.type().equals(wanted.type())
          && (other.type().equals("CNAME") || wanted.type().equals("CNAME"))) {
        return FakeAlidnsAnswer.badRequest(
            "DomainRecordConflict", "The DNS record conflicts with other records.");
      }
    }
    return null;
  }

  private static Map<String, Object> json(FakeAlidnsRecord r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("DomainName", r.domain());
    out.put("RecordId", r.id());
    out.put("RR", r.rr());
    out.put("Type", r.type());
    out.put("Value", r.value());
    out.put("TTL", (long) r.ttl());
    out.put("Line", "default");
    out.put("Status", "ENABLE");
    out.put("Locked", false);
    out.put("Weight", 1L);
    return out;
  }

  private static String missing(Map<String, String> p, String... names) {
    for (String name : names) {
      if (p.get(name) == null || p.get(name).isEmpty()) {
        return name;
      }
    }
    return null;
  }

  private static int parse(String text, int otherwise) {
    try {
      return text == null ? otherwise : Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  static FakeAlidnsAnswer missingParameter(String name) {
    return FakeAlidnsAnswer.badRequest(
        "MissingParameter",
        "The input parameter \""
            + name
            + "\" that is mandatory for processing this request is"
            + " not supplied.");
  }

  private static FakeAlidnsAnswer duplicate() {
    return FakeAlidnsAnswer.badRequest("DomainRecordDuplicate", "The DNS record already exists.");
  }

  private static FakeAlidnsAnswer notBelong() {
    return FakeAlidnsAnswer.badRequest(
        "DomainRecordNotBelongToUser", "The DNS record does not belong to you.");
  }

  private static FakeAlidnsAnswer noSuchDomain(String zone) {
    return FakeAlidnsAnswer.badRequest(
        "InvalidDomainName.NoExist", "The specified domain name does not exist: " + zone + ".");
  }
}
