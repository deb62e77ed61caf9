package dev.hostkeep.dns.secondary.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TXTRecord;

/**
 * What a catalog zone holds, read from its records (RFC 9432): the members by zone name with the
 * labels they sit under, the apex NS and the {@code version} TXT.
 *
 * @param members normalised member zone → the labels whose PTR names it (normally one)
 * @param owned every owner name at or below each member label, so removing a member can delete its
 *     properties ({@code coo}, {@code group}, {@code ext}) too
 * @param apexNs the apex NS targets
 * @param versions the {@code version} TXT records
 * @param others every other record, the member PTRs and their properties included
 */
record CatalogContent(
    Name catalog,
    SOARecord soa,
    Map<String, List<String>> members,
    Map<String, Set<Name>> owned,
    List<NSRecord> apexNs,
    List<TXTRecord> versions,
    List<Record> others) {
  static final Name INVALID = name("invalid.");

  /** Parses the records of {@code catalog} (an AXFR or a zone file's contents). */
  static CatalogContent parse(Name catalog, List<Record> records) {
    Name zones = name("zones." + catalog);
    Name version = name("version." + catalog);
    SOARecord soa = null;
    Map<String, List<String>> members = new LinkedHashMap<>();
    Map<String, Set<Name>> owned = new LinkedHashMap<>();
    List<NSRecord> ns = new ArrayList<>();
    List<TXTRecord> versions = new ArrayList<>();
    List<Record> others = new ArrayList<>();
    for (Record record : records) {
      Name owner = record.getName();
      if (record instanceof SOARecord found && owner.equals(catalog)) {
        soa = found;
      } else if (record instanceof NSRecord found && owner.equals(catalog)) {
        ns.add(found);
      } else if (record instanceof TXTRecord txt && owner.equals(version)) {
        versions.add(txt);
      } else if (record instanceof PTRRecord ptr && isMemberLabel(owner, zones)) {
        members
            .computeIfAbsent(normal(ptr.getTarget()), k -> new ArrayList<>())
            .add(owner.getLabelString(0));
        others.add(record);
      } else {
        others.add(record);
      }
    }
    for (Record record : others) {
      Name owner = record.getName();
      if (owner.subdomain(zones) && owner.labels() > zones.labels()) {
        String label = owner.getLabelString(owner.labels() - zones.labels() - 1);
        owned.computeIfAbsent(label, k -> new TreeSet<>()).add(owner);
      }
    }
    return new CatalogContent(catalog, soa, members, owned, ns, versions, others);
  }

  /** The member zones, sorted. */
  Set<String> memberZones() {
    return Collections.unmodifiableSet(new TreeSet<>(members.keySet()));
  }

  /** Whether the apex NS is exactly {@code invalid.}, as RFC 9432 asks. */
  boolean nsIsOnlyInvalid() {
    return apexNs.size() == 1 && apexNs.getFirst().getTarget().equals(INVALID);
  }

  boolean hasInvalidNs() {
    return apexNs.stream().anyMatch(ns -> ns.getTarget().equals(INVALID));
  }

  /** Whether {@code version} holds exactly one TXT, {@code "2"}. */
  boolean versionIsTwo() {
    return versions.size() == 1 && versions.getFirst().getStrings().equals(List.of("2"));
  }

  /** The owner names that belong to the member under {@code label}. */
  Set<Name> namesUnder(String label) {
    return owned.getOrDefault(label, Set.of());
  }

  static boolean isMemberLabel(Name owner, Name zones) {
    return owner.labels() == zones.labels() + 1 && owner.subdomain(zones);
  }

  static String normal(Name name) {
    return name.toString(true).toLowerCase(java.util.Locale.ROOT);
  }

  /** {@code label} (plain letters, digits and hyphens) under {@code origin}. */
  static Name name(String label, Name origin) {
    try {
      return Name.fromString(label, origin);
    } catch (org.xbill.DNS.TextParseException e) {
      throw new IllegalArgumentException("'" + label + "' is not a DNS label", e);
    }
  }

  static Name name(String text) {
    try {
      return Name.fromString(text.endsWith(".") ? text : text + ".");
    } catch (org.xbill.DNS.TextParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not a DNS name", e);
    }
  }
}
