package dev.hostkeep.dns.replicate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What changes between the source zone and what the target should serve: the zone's name ({@code
 * rename}, owner names and the names inside NS/CNAME/MX/SRV/PTR/DNAME data), the apex NS replaced
 * by the target's own name servers, TTLs clamped or set, and record types dropped. DNSSEC records
 * are never sent (the target signs, or not, itself); RRsets of a type the target cannot hold are
 * named in a note, never lost silently.
 */
record Rewrites(
    Map<String, String> rename,
    List<String> nameservers,
    Optional<Long> ttlMin,
    Optional<Long> ttlMax,
    Optional<Long> ttlSet,
    Set<String> dropTypes) {
  static final Rewrites NONE =
      new Rewrites(
          Map.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Set.of());
  private static final Set<String> NAME_DATA = Set.of("NS", "CNAME", "MX", "SRV", "PTR", "DNAME");
  private static final long NS_TTL = 3600;

  Rewrites {
    rename = Map.copyOf(rename);
    nameservers = List.copyOf(nameservers);
    dropTypes = Set.copyOf(dropTypes);
  }

  /** The zone name on the target for the source zone {@code zone}. */
  String targetZone(String zone) {
    return rename.getOrDefault(zone, zone);
  }

  /** What the target should hold for {@code source}, and notes on what was left out. */
  ZoneContent apply(ZoneContent source, ZoneTarget target, Scope scope, List<String> notes) {
    String from = source.apex();
    String zone = targetZone(source.zone());
    String to = zone + ".";
    SortedMap<String, RRset> desired = new TreeMap<>();
    Set<String> unsupported = new TreeSet<>();
    for (RRset rrset : source.rrsets().values()) {
      if (Scope.DNSSEC.contains(rrset.type()) || dropTypes.contains(rrset.type())) {
        continue; // by rule and by the user's choice: documented, not worth a note every run
      }
      if (!"SOA".equals(rrset.type()) && !target.supports(rrset.type())) {
        unsupported.add(rrset.key());
        continue;
      }
      RRset renamed = from.equals(to) ? rrset : rename(rrset, from, to);
      RRset rewritten = ttl(renamed, target.minimumTtl());
      if (scope.manages(rewritten, to)) {
        desired.put(rewritten.key(), rewritten);
      }
    }
    if (!nameservers.isEmpty()) {
      long ttl =
          Optional.ofNullable(source.rrsets().get(RRset.key(from, "NS")))
              .map(RRset::ttl)
              .orElse(NS_TTL);
      List<String> values = nameservers.stream().map(n -> n.endsWith(".") ? n : n + ".").toList();
      RRset ns = ttl(new RRset(to, "NS", ttl, values), target.minimumTtl());
      desired.put(ns.key(), ns);
    }
    if (!unsupported.isEmpty()) {
      notes.add(
          "not replicated, this target does not take their type from hostkeep (yet): "
              + String.join(", ", unsupported));
    }
    return new ZoneContent(zone, source.serial(), desired);
  }

  /**
   * The TTL the target is to hold: the rewrites', and never below what the target itself raises
   * every TTL to ({@code floor}), or each run would find it differing and write it again.
   */
  private RRset ttl(RRset rrset, long floor) {
    long ttl = ttlSet.orElse(rrset.ttl());
    ttl = Math.max(ttl, ttlMin.orElse(0L));
    ttl = Math.min(ttl, ttlMax.orElse(Long.MAX_VALUE));
    ttl = Math.max(ttl, floor);
    return ttl == rrset.ttl() ? rrset : rrset.withTtl(ttl);
  }

  private static RRset rename(RRset rrset, String from, String to) {
    List<String> values = new ArrayList<>();
    for (String value : rrset.values()) {
      values.add(NAME_DATA.contains(rrset.type()) ? renameTokens(value, from, to) : value);
    }
    return new RRset(renameName(rrset.name(), from, to), rrset.type(), rrset.ttl(), values);
  }

  private static String renameTokens(String value, String from, String to) {
    String[] tokens = value.split(" ");
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = renameName(tokens[i], from, to);
    }
    return String.join(" ", tokens);
  }

  private static String renameName(String name, String from, String to) {
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    if (lower.equals(from)) {
      return to;
    }
    if (lower.endsWith("." + from)) {
      return name.substring(0, name.length() - from.length()) + to;
    }
    return name;
  }
}
