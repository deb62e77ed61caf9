package dev.hostkeep.dns.replicate;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which RRsets of a zone replication manages at all. Never the SOA (the target keeps its own
 * serial) or DNSSEC records (the target signs, or not, itself); the apex NS only when the entry
 * rewrites it; nothing an {@code exclude} entry names. RRsets outside the scope are neither read
 * into plans nor touched, on the source or on the target.
 */
record Scope(boolean apexNs, List<Exclusion> exclusions) {
  static final Set<String> DNSSEC =
      Set.of("RRSIG", "NSEC", "NSEC3", "NSEC3PARAM", "DNSKEY", "CDS", "CDNSKEY", "TYPE65534");

  Scope {
    exclusions = List.copyOf(exclusions);
  }

  /**
   * One {@code exclude} entry: {@code NAME}, {@code NAME TYPE} or {@code * TYPE}, the name relative
   * to the zone ({@code @} is the apex) with {@code *} matching any run of characters.
   */
  record Exclusion(String text, Pattern name, String type) {
    static Exclusion parse(String text) {
      String[] parts = text.strip().split("\\s+");
      if (parts.length == 0 || parts.length > 2 || parts[0].isEmpty()) {
        throw new IllegalArgumentException(
            "exclude entries are NAME, NAME TYPE or '* TYPE' (e.g. '_acme-challenge.*' or"
                + " '@ TXT'), got '"
                + text
                + "'");
      }
      String glob = parts[0].toLowerCase(Locale.ROOT);
      StringBuilder regex = new StringBuilder();
      for (String piece : glob.split("\\*", -1)) {
        if (!regex.isEmpty()) {
          regex.append(".*");
        }
        regex.append(Pattern.quote(piece));
      }
      String type = parts.length == 2 ? parts[1].toUpperCase(Locale.ROOT) : null;
      return new Exclusion(text.strip(), Pattern.compile(regex.toString()), type);
    }

    boolean matches(String relative, String rrType) {
      return (type == null || type.equals(rrType)) && name.matcher(relative).matches();
    }
  }

  boolean manages(RRset rrset, String apex) {
    String type = rrset.type();
    if ("SOA".equals(type) || DNSSEC.contains(type)) {
      return false;
    }
    if ("NS".equals(type) && rrset.name().equals(apex) && !apexNs) {
      return false;
    }
    String relative = relative(rrset.name(), apex);
    return exclusions.stream().noneMatch(e -> e.matches(relative, type));
  }

  /** {@code www} for {@code www.example.com.} in {@code example.com.}; {@code @} for the apex. */
  static String relative(String name, String apex) {
    if (name.equals(apex)) {
      return "@";
    }
    return name.endsWith("." + apex) ? name.substring(0, name.length() - apex.length() - 1) : name;
  }
}
