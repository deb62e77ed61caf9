package dev.hostkeep.dns.source;

import dev.hostkeep.core.config.Suggestions;
import dev.hostkeep.dns.ZoneName;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * Loads a zone file the way a primary would, with {@code $ORIGIN} set to its zone, and says what
 * keeps it from loading: a syntax error (dnsjava names file and line), not exactly one SOA or no NS
 * at the apex. Records outside the zone are not an error: BIND ignores them and loads the rest.
 * Records are streamed, so a big zone costs no memory.
 */
public final class ZoneFileCheck {
  private static final Pattern LOCATED = Pattern.compile("(.+?):(\\d+): (.*)", Pattern.DOTALL);
  private static final Pattern UNKNOWN_TYPE = Pattern.compile("Invalid type '([^']*)'");
  private static final List<String> COMMON_TYPES =
      List.of(
          "A", "AAAA", "CNAME", "MX", "NS", "PTR", "SOA", "SRV", "TXT", "CAA", "DS", "DNSKEY",
          "TLSA", "SSHFP", "NAPTR", "HTTPS", "SVCB");

  private ZoneFileCheck() {}

  /** Why {@code file} is not a loadable zone {@code zone}, or empty when it loads. */
  static Optional<String> problem(Path file, ZoneName zone) {
    Name origin = Name.fromConstantString(zone.fqdn());
    int soas = 0;
    boolean ns = false;
    try (Master master = new Master(file.toString(), origin)) {
      for (org.xbill.DNS.Record r = master.nextRecord(); r != null; r = master.nextRecord()) {
        if (r.getName().equals(origin)) {
          soas += r.getType() == Type.SOA ? 1 : 0;
          ns |= r.getType() == Type.NS;
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.of(describe(file, e));
    }
    if (soas != 1) {
      String found = soas == 0 ? "no SOA record" : soas + " SOA records";
      return Optional.of("zone file " + file + ": " + found + " at " + origin);
    }
    if (!ns) {
      return Optional.of("zone file " + file + ": no NS record at " + origin);
    }
    return Optional.empty();
  }

  /**
   * Every record of zone file {@code file} for {@code zone}, or a failure that names the file, the
   * line and what is wrong there (with the closest record type for a mistyped one).
   */
  public static List<org.xbill.DNS.Record> load(Path file, ZoneName zone) {
    Name origin = Name.fromConstantString(zone.fqdn());
    List<org.xbill.DNS.Record> records = new java.util.ArrayList<>();
    try (Master master = new Master(file.toString(), origin)) {
      for (org.xbill.DNS.Record r = master.nextRecord(); r != null; r = master.nextRecord()) {
        if (r.getName().subdomain(origin)) {
          records.add(r);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new dev.hostkeep.core.HostkeepException(describe(file, e), e);
    }
    return records;
  }

  /** dnsjava says {@code db.example:12: Invalid type 'AAA'}; we say which file, line and fix. */
  private static String describe(Path file, Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    Matcher located = LOCATED.matcher(message);
    if (located.matches() && located.group(1).equals(String.valueOf(file.getFileName()))) {
      message = "line " + located.group(2) + ": " + located.group(3);
    } else {
      message = ": " + message;
    }
    Matcher type = UNKNOWN_TYPE.matcher(message);
    if (type.find()) {
      message += Suggestions.didYouMean(type.group(1).toUpperCase(Locale.ROOT), COMMON_TYPES);
    }
    return "zone file " + file + (message.startsWith(":") ? "" : " ") + message;
  }
}
