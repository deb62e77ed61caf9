package dev.hostkeep.dns.secondary;

import dev.hostkeep.core.capability.Capability;
import dev.hostkeep.core.capability.ConfigureContext;
import dev.hostkeep.core.capability.ConfiguredCapability;
import dev.hostkeep.core.config.ConfigLoader;
import dev.hostkeep.core.config.ConfigObject;
import dev.hostkeep.core.config.ConfigValue;
import dev.hostkeep.core.config.NamedEntries;
import dev.hostkeep.core.plan.GuardPolicy;
import dev.hostkeep.dns.secondary.catalog.CatalogZoneFile;
import dev.hostkeep.dns.source.ZoneSources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code secondary}: every zone the primary serves is provisioned on each secondary target, and
 * removed there when it goes. The section is a list of entries:
 *
 * <pre>
 * secondary:
 *   - name: ovh
 *     source: { zone_dir: /etc/bind/zones }
 *     policy: sync            # or add-only
 *     refresh_every: 24h      # full read of each target at least this often
 *     guard: { max_share: 10%, min_changes: 3 }
 *     targets:
 *       - { provider: ovh, service: ns123.ip-1-2-3.eu }
 * </pre>
 */
public final class SecondaryCapability implements Capability {
  static final Duration REFRESH_EVERY = Duration.ofHours(24);

  @Override
  public String name() {
    return TargetCache.CAPABILITY;
  }

  @Override
  public String summary() {
    return "keep secondary DNS services provisioned with every zone the primary serves";
  }

  @Override
  public ConfiguredCapability configure(ConfigValue section, ConfigureContext context) {
    return new ConfiguredSecondary(
        NamedEntries.read(
            section, "secondary", object -> entry(object, context), SecondaryEntry::name));
  }

  private static Optional<SecondaryEntry> entry(ConfigObject object, ConfigureContext context) {
    String name = object.string("name");
    ZoneSource source = object.object("source").map(ZoneSources::read).orElse(null);
    if (source == null && !object.has("source")) {
      object
          .reader()
          .problems()
          .error(object.position(), "missing required key 'source' in " + object.describe());
    }
    Policy policy = object.choice("policy", Policy.class, Policy.SYNC);
    Duration refresh = object.duration("refresh_every", REFRESH_EVERY);
    GuardPolicy guard =
        object
            .object("guard")
            .map(g -> ConfigLoader.guard(g, context.guard()))
            .orElse(context.guard());
    List<SecondaryTarget> targets = new ArrayList<>();
    Set<String> targetNames = new HashSet<>();
    for (ConfigValue item : object.list("targets")) {
      item.asObject()
          .flatMap(target -> target(target, context))
          .ifPresent(
              target -> {
                if (!targetNames.add(target.name())) {
                  item.reader().error(item, "target " + target.name() + " is listed twice");
                }
                targets.add(target);
              });
    }
    if (targets.isEmpty() && !object.reader().problems().hasErrors()) {
      object
          .reader()
          .problems()
          .error(object.position(), "secondary entry '" + name + "' has no targets");
    }
    object.finish();
    if (name == null || source == null) {
      return Optional.empty();
    }
    return Optional.of(new SecondaryEntry(name, source, policy, refresh, guard, targets));
  }

  private static Optional<SecondaryTarget> target(ConfigObject object, ConfigureContext context) {
    if (object.keys().contains("catalog_file") && !object.keys().contains("provider")) {
      return catalogFile(object);
    }
    Optional<ConfigValue> provider = object.value("provider", true);
    if (provider.isEmpty()) {
      object
          .reader()
          .problems()
          .error(
              object.position(),
              "missing required key 'provider' (or 'catalog_file' for a catalog written as a zone"
                  + " file) in "
                  + object.describe());
      return Optional.empty();
    }
    return context
        .providers()
        .lookup(provider.get(), SecondaryTargetFactory.class, "a secondary DNS target")
        .map(factory -> factory.secondaryTarget(object, context.providers()));
  }

  /** A catalog zone written to a file and loaded by a reload command: no provider needed. */
  private static Optional<SecondaryTarget> catalogFile(ConfigObject object) {
    String catalog = object.string("catalog");
    String file = object.string("catalog_file");
    List<String> reload = new ArrayList<>();
    for (String part : object.strings("reload")) {
      reload.addAll(List.of(part.strip().split("\\s+")));
    }
    Duration timeout = object.duration("reload_timeout", Duration.ofSeconds(30));
    if (reload.isEmpty()) {
      object
          .reader()
          .problems()
          .error(
              object.position(),
              "missing required key 'reload' (the command that makes the primary load the file) in "
                  + object.describe());
    }
    object.finish();
    if (catalog == null || file == null || reload.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new CatalogZoneFile(catalog, Path.of(file), reload, timeout));
  }
}
