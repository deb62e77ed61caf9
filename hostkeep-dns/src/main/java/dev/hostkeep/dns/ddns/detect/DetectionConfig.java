package dev.hostkeep.dns.ddns.detect;

import dev.hostkeep.core.config.ConfigObject;
import dev.hostkeep.core.config.ConfigValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a ddns entry's {@code detect:} mapping, whose shape is documented on {@link
 * AddressDetection}; the items of {@code sources:} are read by {@link SourceConfig}.
 */
final class DetectionConfig {
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  private DetectionConfig() {}

  /** Every family's detection; {@code section} absent means the defaults. */
  static Map<Family, FamilyDetection> read(
      Optional<ConfigObject> section, DetectionContext context) {
    Map<Family, FamilyDetection> families = new EnumMap<>(Family.class);
    for (Family family : Family.values()) {
      Optional<ConfigObject> object = section.flatMap(s -> s.object(family.key()));
      // After a reported problem the defaults stand in; the caller must not use them then.
      FamilyDetection read = object.map(o -> family(o, family, context)).orElse(null);
      families.put(family, read != null ? read : defaults(family, context));
    }
    section.ifPresent(ConfigObject::finish);
    return families;
  }

  static FamilyDetection defaults(Family family, DetectionContext context) {
    return new FamilyDetection(family, echoes(family, context), 1, DEFAULT_TIMEOUT, context);
  }

  private static FamilyDetection family(
      ConfigObject object, Family family, DetectionContext context) {
    List<AddressSource> sources = new ArrayList<>();
    boolean complete = true;
    if (object.has("sources")) {
      List<ConfigValue> items = object.list("sources");
      if (items.isEmpty()) {
        object
            .value("sources", true)
            .ifPresent(
                v ->
                    v.reader()
                        .error(
                            v, "'" + v.path() + "' lists no source; leave it out for the default"));
        complete = false;
      }
      for (ConfigValue item : items) {
        List<AddressSource> read = SourceConfig.read(item, family, context);
        complete &= read != null;
        sources.addAll(read == null ? List.of() : read);
      }
    } else {
      sources.addAll(echoes(family, context));
    }
    int agree = object.integer("agree", 1, 1, 100);
    if (complete && agree > sources.size()) {
      error(
          object,
          "agree",
          "agree is "
              + agree
              + " but "
              + object.describe()
              + " has only "
              + sources.size()
              + (sources.size() == 1 ? " source" : " sources")
              + " (https: default counts one per built-in service)");
    }
    Duration timeout = object.duration("timeout", DEFAULT_TIMEOUT);
    if (timeout.isZero()) {
      error(object, "timeout", "timeout must be more than 0");
      timeout = DEFAULT_TIMEOUT;
    }
    object.finish();
    if (!complete || agree > sources.size()) {
      return null;
    }
    return new FamilyDetection(family, sources, agree, timeout, context);
  }

  static List<AddressSource> echoes(Family family, DetectionContext context) {
    return context.defaultEchoes(family).stream()
        .<AddressSource>map(uri -> new EchoSource(uri, context))
        .toList();
  }

  static void error(ConfigObject object, String key, String message) {
    object
        .value(key, true)
        .ifPresentOrElse(
            value -> value.reader().error(value, message),
            () -> object.reader().problems().error(object.position(), message));
  }
}
