package dev.hostkeep.dns.ddns;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.config.IniFile;
import dev.hostkeep.core.state.StateStore;
import dev.hostkeep.dns.InvalidZoneNameException;
import dev.hostkeep.dns.ZoneName;
import dev.hostkeep.dns.ddns.detect.Family;
import dev.hostkeep.dns.record.DnsRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns aliyun-ddns-client's INI ({@code /etc/ddns.conf}: {@code [DEFAULT]} access_id, access_key,
 * debug; one section per record with domain, sub_domain, type, id, value) into a {@code ddns} entry
 * with an {@code alidns} provider, and carries each record's cached id and value over into the
 * state store, so the first run after the move makes no provider request while the address is
 * unchanged. The access key secret is never copied into the YAML: it is referenced from a file the
 * user fills.
 */
public final class DdnsConfImport {
  /** The name of the entry and provider the import creates. */
  public static final String ENTRY = "aliyun";

  static final String SECRET_FILE = "/etc/hostkeep/aliyun-access-key-secret";

  private final IniFile ini;
  private final List<Imported> records = new ArrayList<>();
  private final List<String> skipped = new ArrayList<>();

  /** One record of the old config, with what the old tool remembered of it. */
  public record Imported(
      String name, String zone, Family family, Optional<String> id, Optional<String> value) {}

  private DdnsConfImport(IniFile ini) {
    this.ini = ini;
    for (String section : ini.sections()) {
      if (!section.equals("default")) {
        read(section);
      }
    }
    if (records.isEmpty()) {
      throw HostkeepException.usage(
          ini.path()
              + ": no A or AAAA record sections (expected sections like [1] with domain,"
              + " sub_domain and type)"
              + (skipped.isEmpty() ? "" : "; skipped: " + String.join("; ", skipped)));
    }
  }

  public static DdnsConfImport read(Path path) {
    return new DdnsConfImport(IniFile.read(path));
  }

  public List<Imported> records() {
    return List.copyOf(records);
  }

  private void read(String section) {
    String domain = value(section, "domain").orElse(null);
    String type = value(section, "type").orElse("A").toUpperCase(Locale.ROOT);
    if (domain == null) {
      skipped.add("[" + section + "] has no domain");
      return;
    }
    Family family;
    switch (type) {
      case "A" -> family = Family.IPV4;
      case "AAAA" -> family = Family.IPV6;
      default -> {
        skipped.add("[" + section + "] is a " + type + " record; ddns keeps only A and AAAA");
        return;
      }
    }
    String sub = value(section, "sub_domain").orElse("@");
    String zone;
    String name;
    try {
      zone = ZoneName.parse(domain).toString();
      name = sub.equals("@") ? zone : ZoneName.parse(sub + "." + zone).toString();
    } catch (InvalidZoneNameException e) {
      skipped.add("[" + section + "]: " + e.getMessage());
      return;
    }
    records.add(new Imported(name, zone, family, value(section, "id"), value(section, "value")));
  }

  /** A key of a section, falling back to [DEFAULT] as Python's configparser does. */
  private Optional<String> value(String section, String key) {
    return ini.get(section, key).or(() -> ini.get("default", key));
  }

  public String toYaml() {
    StringBuilder yaml = new StringBuilder();
    yaml.append("# Imported from ")
        .append(ini.path())
        .append(" (aliyun-ddns-client) by hostkeep import.\n");
    yaml.append("# 1. Put the access_key of ")
        .append(ini.path())
        .append(" into ")
        .append(SECRET_FILE)
        .append('\n');
    yaml.append("#    (chmod 600); it is not copied here.\n");
    yaml.append("# 2. Run 'hostkeep ddns detect', then 'hostkeep ddns update --dry-run'.\n");
    yaml.append("# 3. Replace the cron line running ddns.py with 'hostkeep ddns update' (or the\n");
    yaml.append("#    systemd timer in examples/), every 5 minutes.\n");
    for (String skip : skipped) {
      yaml.append("# Skipped: ").append(skip).append('\n');
    }
    yaml.append("providers:\n");
    yaml.append("  ").append(ENTRY).append(":\n");
    yaml.append("    type: alidns\n");
    yaml.append("    access_key_id: ")
        .append(quote(value("default", "access_id").orElse("CHANGE-ME")))
        .append('\n');
    yaml.append("    access_key_secret: '${file:").append(SECRET_FILE).append("}'\n");
    yaml.append("ddns:\n");
    yaml.append("  - name: ").append(ENTRY).append('\n');
    yaml.append("    provider: ").append(ENTRY).append('\n');
    yaml.append("    ttl: 600\n");
    yaml.append("    records:\n");
    for (Imported record : records) {
      yaml.append("      - { name: ")
          .append(quote(record.name()))
          .append(", zone: ")
          .append(quote(record.zone()))
          .append(", families: [")
          .append(record.family() == Family.IPV4 ? "ipv4" : "ipv6")
          .append("] }\n");
    }
    if (value("default", "debug").filter(d -> d.equalsIgnoreCase("true")).isPresent()) {
      yaml.append("log:\n  level: debug\n");
    }
    return yaml.toString();
  }

  /**
   * Writes each record's cached id and value into {@code state} as confirmed at {@code now};
   * returns how many were carried over (records without both an id and a value are not: the first
   * run looks them up).
   */
  public int carryOver(StateStore state, Instant now) {
    RecordMemory memory = new RecordMemory(state, ENTRY);
    int count = 0;
    for (Imported record : records) {
      if (record.id().isEmpty() || record.value().isEmpty()) {
        continue;
      }
      ManagedRecord managed =
          new ManagedRecord(record.name(), record.zone(), record.family(), Optional.empty(), 600);
      memory.confirmed(
          managed,
          new DnsRecord(
              record.id().get(), record.name(), managed.type(), record.value().get(), 600),
          record.zone(),
          now);
      count++;
    }
    return count;
  }

  private static String quote(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
