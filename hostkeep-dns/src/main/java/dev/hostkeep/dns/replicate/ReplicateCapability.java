package dev.hostkeep.dns.replicate;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.capability.Capability;
import dev.hostkeep.core.capability.ConfigureContext;
import dev.hostkeep.core.capability.ConfiguredCapability;
import dev.hostkeep.core.config.ConfigLoader;
import dev.hostkeep.core.config.ConfigObject;
import dev.hostkeep.core.config.ConfigValue;
import dev.hostkeep.core.config.NamedEntries;
import dev.hostkeep.core.plan.GuardPolicy;
import dev.hostkeep.dns.InvalidZoneNameException;
import dev.hostkeep.dns.ZoneName;
import dev.hostkeep.dns.provider.powerdns.PowerDnsApi;
import dev.hostkeep.dns.provider.rfc2136.Rfc2136Client;
import dev.hostkeep.dns.provider.rfc2136.ServerAddress;
import dev.hostkeep.dns.source.ZoneFilePattern;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * {@code replicate}: zones edited on a panel or primary are mirrored, whole and atomically, to a
 * central DNS service. The section is a list of entries:
 *
 * <pre>
 * replicate:
 *   - name: panel
 *     from: { axfr: panel-bind }      # an rfc2136 provider; or { zone_dir: /var/named, pattern: "{zone}.db" }
 *     zones: [example.com, shop.example]
 *     to: central                     # a powerdns or rfc2136 provider
 *     policy: sync                    # or upsert-only
 *     adopt: false                    # take over matching RRsets already on the target
 *     exclude: ["_acme-challenge.*", "@ TXT"]
 *     rewrite:
 *       ns: [ns1.provider.net, ns2.provider.net]
 *       ttl: { min: 60, max: 86400 }
 *       drop_types: [SPF]
 *       rename: { example.panel.local: example.com }
 *     notify: { listen: 127.0.0.1:5300, allow: [192.0.2.53] }
 *     reconcile_every: 1h
 *     concurrency: 8
 * </pre>
 */
public final class ReplicateCapability implements Capability {
  static final Duration RECONCILE_EVERY = Duration.ofHours(1);
  static final int CONCURRENCY = 8;

  @Override
  public String name() {
    return ZoneMemory.CAPABILITY;
  }

  @Override
  public String summary() {
    return "mirror zones edited on a panel or primary to a central DNS service, atomically";
  }

  @Override
  public ConfiguredCapability configure(ConfigValue section, ConfigureContext context) {
    return new ConfiguredReplicate(
        NamedEntries.read(
            section, "replicate", object -> entry(object, context), ReplicateEntry::name),
        Optional.empty());
  }

  private static Optional<ReplicateEntry> entry(ConfigObject object, ConfigureContext context) {
    int errorsBefore = object.reader().problems().errors().size();
    String name = object.string("name");
    ConfigObject from = object.requireObject("from");
    Optional<Rfc2136Client> axfr =
        from.value("axfr", true)
            .flatMap(
                v ->
                    context
                        .providers()
                        .lookup(v, Rfc2136Client.class, "an AXFR source (type rfc2136)"));
    ZoneReader source = axfr.map(AxfrReader::new).orElse(null);
    Optional<PowerDnsApi> powerdns =
        from.value("powerdns", true)
            .flatMap(
                v ->
                    context
                        .providers()
                        .lookup(v, PowerDnsApi.class, "a PowerDNS source (type powerdns)"));
    if (powerdns.isPresent()) {
      source = new PowerDnsReader(powerdns.get());
    }
    String folder = from.string("zone_dir", null);
    String pattern = from.string("pattern", ZoneFilePattern.DEFAULT.toString());
    if (folder != null) {
      try {
        source = new ZoneFileReader(Path.of(folder), ZoneFilePattern.parse(pattern));
      } catch (HostkeepException e) {
        from.reader().problems().error(from.position(), e.getMessage());
      }
    }
    int kinds =
        (from.has("axfr") ? 1 : 0)
            + (from.has("zone_dir") ? 1 : 0)
            + (from.has("powerdns") ? 1 : 0);
    if (kinds != 1) {
      from.reader()
          .problems()
          .error(
              from.position(),
              "'from' takes exactly one of axfr (an rfc2136 provider), powerdns (a powerdns"
                  + " provider) or zone_dir (a folder of zone files)");
    }
    from.finish();
    List<String> zones = zones(object);
    if (zones.isEmpty() && !from.has("zone_dir")) {
      object
          .reader()
          .problems()
          .error(object.position(), "'zones' must list the zones to transfer");
    }
    Optional<ZoneTarget> target =
        object
            .value("to", true)
            .flatMap(v -> context.providers().lookup(v, ZoneTarget.class, "a replication target"));
    if (!object.has("to")) {
      object
          .reader()
          .problems()
          .error(object.position(), "missing required key 'to' in " + object.describe());
    }
    Policy policy = object.choice("policy", Policy.class, Policy.SYNC);
    boolean adopt = object.bool("adopt", false);
    Rewrites rewrites =
        object.object("rewrite").map(ReplicateCapability::rewrites).orElse(Rewrites.NONE);
    Scope scope = new Scope(!rewrites.nameservers().isEmpty(), exclusions(object));
    GuardPolicy guard =
        object
            .object("guard")
            .map(g -> ConfigLoader.guard(g, context.guard()))
            .orElse(context.guard());
    int concurrency = object.integer("concurrency", CONCURRENCY, 1, 64);
    Optional<ReplicateEntry.Notify> notify =
        object
            .object("notify")
            .flatMap(n -> notifications(n, axfr.map(c -> c.config().host()).orElse("127.0.0.1")));
    Duration reconcile = object.duration("reconcile_every", RECONCILE_EVERY);
    object.finish();
    if (name == null
        || source == null
        || target.isEmpty()
        || object.reader().problems().errors().size() > errorsBefore) {
      return Optional.empty();
    }
    return Optional.of(
        new ReplicateEntry(
            name,
            source,
            zones,
            target.get(),
            policy,
            adopt,
            scope,
            rewrites,
            guard,
            concurrency,
            notify,
            reconcile,
            new Semaphore(concurrency)));
  }

  private static List<String> zones(ConfigObject object) {
    List<String> zones = new ArrayList<>();
    for (ConfigValue value : object.list("zones")) {
      value
          .asString()
          .ifPresent(
              text -> {
                try {
                  zones.add(ZoneName.parse(text).toString());
                } catch (InvalidZoneNameException e) {
                  value.reader().error(value, e.getMessage());
                }
              });
    }
    return zones;
  }

  private static List<Scope.Exclusion> exclusions(ConfigObject object) {
    List<Scope.Exclusion> out = new ArrayList<>();
    for (ConfigValue value : object.list("exclude")) {
      value
          .asString()
          .ifPresent(
              text -> {
                try {
                  out.add(Scope.Exclusion.parse(text));
                } catch (IllegalArgumentException e) {
                  value.reader().error(value, e.getMessage());
                }
              });
    }
    return out;
  }

  private static Rewrites rewrites(ConfigObject object) {
    List<String> ns = new ArrayList<>();
    for (ConfigValue value : object.list("ns")) {
      value
          .asString()
          .ifPresent(
              text -> {
                try {
                  ns.add(ZoneName.parse(text).toString());
                } catch (InvalidZoneNameException e) {
                  value.reader().error(value, "rewrite.ns: " + e.getMessage());
                }
              });
    }
    Optional<Long> min = Optional.empty();
    Optional<Long> max = Optional.empty();
    Optional<Long> set = Optional.empty();
    Optional<ConfigObject> ttl = object.object("ttl");
    if (ttl.isPresent()) {
      min = seconds(ttl.get(), "min");
      max = seconds(ttl.get(), "max");
      set = seconds(ttl.get(), "set");
      ttl.get().finish();
    }
    Set<String> drop = new java.util.TreeSet<>();
    object.strings("drop_types").forEach(t -> drop.add(t.strip().toUpperCase(Locale.ROOT)));
    Map<String, String> rename = new LinkedHashMap<>();
    object
        .object("rename")
        .ifPresent(
            map -> {
              for (String from : map.keys()) {
                String to = map.string(from);
                try {
                  rename.put(ZoneName.parse(from).toString(), ZoneName.parse(to).toString());
                } catch (InvalidZoneNameException | NullPointerException e) {
                  map.reader()
                      .problems()
                      .error(map.position(), "rewrite.rename " + from + ": " + e.getMessage());
                }
              }
            });
    object.finish();
    return new Rewrites(rename, ns, min, max, set, drop);
  }

  private static Optional<Long> seconds(ConfigObject ttl, String key) {
    if (!ttl.has(key)) {
      ttl.allow(key);
      return Optional.empty();
    }
    return Optional.of((long) ttl.integer(key, 0, 0, Integer.MAX_VALUE));
  }

  /** NOTIFY is taken from {@code allow}, by default from the source server only. */
  private static Optional<ReplicateEntry.Notify> notifications(
      ConfigObject object, String sourceHost) {
    String listen = object.string("listen");
    List<String> allow = object.strings("allow");
    if (allow.isEmpty()) {
      allow = List.of(sourceHost);
    }
    object.finish();
    if (listen == null) {
      return Optional.empty();
    }
    Optional<ServerAddress> address = ServerAddress.parse(listen);
    if (address.isEmpty()) {
      object
          .reader()
          .problems()
          .error(
              object.position(),
              "notify.listen must be host:port (e.g. 127.0.0.1:5300), got '" + listen + "'");
      return Optional.empty();
    }
    return Optional.of(
        new ReplicateEntry.Notify(address.get().host(), address.get().port(), allow));
  }
}
