package dev.hostkeep.dns.ddns;

import dev.hostkeep.core.capability.Capability;
import dev.hostkeep.core.capability.ConfigureContext;
import dev.hostkeep.core.capability.ConfiguredCapability;
import dev.hostkeep.core.config.ConfigObject;
import dev.hostkeep.core.config.ConfigValue;
import dev.hostkeep.core.config.NamedEntries;
import dev.hostkeep.dns.InvalidZoneNameException;
import dev.hostkeep.dns.ZoneName;
import dev.hostkeep.dns.ddns.detect.AddressDetection;
import dev.hostkeep.dns.ddns.detect.Family;
import dev.hostkeep.dns.ddns.detect.Ipv6Suffix;
import dev.hostkeep.dns.record.RecordStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ddns}: A/AAAA records follow this host's public addresses. The section is a list of
 * entries:
 *
 * <pre>
 * ddns:
 *   - name: office
 *     provider: aliyun               # a providers: entry that holds DNS records
 *     zone: example.com              # optional: the zone of the records
 *     families: [ipv4, ipv6]         # default [ipv4]
 *     ttl: 300
 *     create: true                   # create a missing record (false: report it)
 *     verify_every: 24h              # check remembered values against the provider this often
 *     records:
 *       - office.example.com
 *       - { name: nas.example.com, families: [ipv6], suffix: "::11:22ff:fe33:4455" }
 *     detect: { ipv4: { sources: [ { https: default } ], agree: 1 } }
 * </pre>
 */
public final class DdnsCapability implements Capability {
  static final Duration VERIFY_EVERY = Duration.ofHours(24);
  static final int DEFAULT_TTL = 300;

  @Override
  public String name() {
    return RecordMemory.CAPABILITY;
  }

  @Override
  public String summary() {
    return "keep DNS records pointed at this host's changing public address";
  }

  @Override
  public ConfiguredCapability configure(ConfigValue section, ConfigureContext context) {
    AddressDetection[] shared = new AddressDetection[1];
    List<DdnsEntry> entries =
        NamedEntries.read(
            section, "ddns", object -> entry(object, context, shared), DdnsEntry::name);
    return new ConfiguredDdns(entries);
  }

  private static Optional<DdnsEntry> entry(
      ConfigObject object, ConfigureContext context, AddressDetection[] shared) {
    String name = object.string("name");
    Optional<ConfigValue> providerName = object.value("provider", true);
    if (providerName.isEmpty()) {
      object
          .reader()
          .problems()
          .error(object.position(), "missing required key 'provider' in " + object.describe());
    }
    Optional<RecordStore> store =
        providerName.flatMap(
            p -> context.providers().lookup(p, RecordStore.class, "a DNS record store"));
    Optional<String> zone = object.optionalString("zone").flatMap(z -> name(object, "zone", z));
    Set<Family> families = families(object, "families", Set.of(Family.IPV4));
    int ttl = object.integer("ttl", DEFAULT_TTL, 1, 604_800);
    boolean create = object.bool("create", true);
    Duration verifyEvery = object.duration("verify_every", VERIFY_EVERY);
    Optional<ConfigObject> detectSection = object.object("detect");
    AddressDetection detection;
    if (detectSection.isPresent()) {
      detection = AddressDetection.read(detectSection);
    } else {
      if (shared[0] == null) {
        shared[0] = AddressDetection.read(Optional.empty());
      }
      detection = shared[0];
    }
    List<ManagedRecord> records = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    List<ConfigValue> recordItems = object.list("records");
    if (recordItems.isEmpty() && object.has("records")) {
      object
          .reader()
          .problems()
          .error(object.position(), "ddns entry '" + name + "' has no records");
    } else if (!object.has("records")) {
      object
          .reader()
          .problems()
          .error(object.position(), "missing required key 'records' in " + object.describe());
    }
    for (ConfigValue item : recordItems) {
      for (ManagedRecord record : records(item, store, zone, families, ttl)) {
        if (!keys.add(record.key())) {
          item.reader().error(item, record.key() + " is listed twice");
        }
        records.add(record);
      }
    }
    object.finish();
    if (name == null || store.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new DdnsEntry(
            name,
            providerName.flatMap(ConfigValue::asString).orElse("?"),
            store.get(),
            records,
            detection,
            verifyEvery,
            create));
  }

  /** One item of {@code records:}, a name or a mapping, as one record per address family. */
  private static List<ManagedRecord> records(
      ConfigValue item,
      Optional<RecordStore> store,
      Optional<String> entryZone,
      Set<Family> entryFamilies,
      int entryTtl) {
    String rawName;
    Optional<String> zone = entryZone;
    Set<Family> families = entryFamilies;
    int ttl = entryTtl;
    Optional<String> suffixText = Optional.empty();
    int prefixLength = 64;
    ConfigObject object = null;
    if (item.isScalar()) {
      rawName = item.asString().orElse(null);
    } else {
      object = item.asObject().orElse(null);
      if (object == null) {
        return List.of();
      }
      rawName = object.string("name");
      Optional<String> ownZone = object.optionalString("zone");
      if (ownZone.isPresent()) {
        zone = name(object, "zone", ownZone.get());
      }
      families = families(object, "families", entryFamilies);
      ttl = object.integer("ttl", entryTtl, 1, 604_800);
      suffixText = object.optionalString("suffix");
      prefixLength = object.integer("prefix_length", 64, 1, 127);
    }
    if (rawName == null) {
      return List.of();
    }
    Optional<String> recordName =
        object != null ? name(object, "name", rawName) : name(item, rawName);
    if (recordName.isEmpty()) {
      return List.of();
    }
    String fqdn = recordName.get();
    String recordZone =
        zone.or(() -> store.flatMap(s -> s.zoneOf(fqdn))).orElseGet(() -> lastTwoLabels(fqdn));
    if (!fqdn.equals(recordZone) && !fqdn.endsWith("." + recordZone)) {
      item.reader().error(item, fqdn + " is not in zone " + recordZone + "; check zone:");
      return List.of();
    }
    Optional<Ipv6Suffix> suffix = Optional.empty();
    if (suffixText.isPresent()) {
      try {
        suffix = Optional.of(Ipv6Suffix.parse(suffixText.get(), prefixLength));
      } catch (IllegalArgumentException e) {
        item.reader().error(item, "suffix: " + e.getMessage());
        return List.of();
      }
      if (!families.contains(Family.IPV6)) {
        item.reader().error(item, "suffix is for IPv6 records; add families: [ipv6]");
      }
    }
    if (object != null) {
      object.finish();
    }
    List<ManagedRecord> out = new ArrayList<>();
    for (Family family : families) {
      out.add(
          new ManagedRecord(
              fqdn, recordZone, family, family == Family.IPV6 ? suffix : Optional.empty(), ttl));
    }
    return out;
  }

  private static Set<Family> families(ConfigObject object, String key, Set<Family> defaults) {
    if (!object.has(key)) {
      return defaults;
    }
    Set<Family> out = new LinkedHashSet<>();
    for (ConfigValue value : object.list(key)) {
      value
          .asString()
          .ifPresent(
              text -> {
                switch (text.toLowerCase(Locale.ROOT)) {
                  case "ipv4", "4", "a" -> out.add(Family.IPV4);
                  case "ipv6", "6", "aaaa" -> out.add(Family.IPV6);
                  default ->
                      value
                          .reader()
                          .error(value, key + " must be ipv4 or ipv6, got '" + text + "'");
                }
              });
    }
    if (out.isEmpty()) {
      return defaults;
    }
    return out;
  }

  private static Optional<String> name(ConfigObject object, String key, String text) {
    return object.value(key, true).flatMap(value -> name(value, text));
  }

  private static Optional<String> name(ConfigValue value, String text) {
    String trimmed = text.strip();
    boolean wildcard = trimmed.startsWith("*.");
    try {
      String parsed = ZoneName.parse(wildcard ? trimmed.substring(2) : trimmed).toString();
      return Optional.of(wildcard ? "*." + parsed : parsed);
    } catch (InvalidZoneNameException e) {
      value.reader().error(value, e.getMessage());
      return Optional.empty();
    }
  }

  /** {@code office.example.com} → {@code example.com}; set {@code zone:} for deeper zones. */
  static String lastTwoLabels(String name) {
    String[] labels = name.split("\\.");
    if (labels.length <= 2) {
      return name;
    }
    return labels[labels.length - 2] + "." + labels[labels.length - 1];
  }
}
