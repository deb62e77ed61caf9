package dev.hostkeep.cli;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.capability.ConfiguredCapability;
import dev.hostkeep.core.config.HostkeepConfig;
import dev.hostkeep.core.config.Suggestions;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/** The configured capability a command works on, and one of its entries picked by name. */
final class Entries {
  private Entries() {}

  /**
   * The capability {@code name} of the session's config as {@code type}, limited to the entry
   * {@code entry} when one is named; a usage error when it is not configured or has no such entry.
   */
  static <T extends ConfiguredCapability> T select(
      Session session,
      String name,
      Class<T> type,
      String entry,
      Function<T, List<String>> entryNames,
      BiFunction<T, String, T> only) {
    HostkeepConfig config = session.config();
    ConfiguredCapability capability = config.capabilities().get(name);
    if (!type.isInstance(capability)) {
      throw HostkeepException.usage(
          "'"
              + name
              + "' is not configured in "
              + config.origin()
              + ": add a '"
              + name
              + ":' section");
    }
    T configured = type.cast(capability);
    if (entry == null) {
      return configured;
    }
    List<String> names = entryNames.apply(configured);
    if (!names.contains(entry)) {
      throw HostkeepException.usage(
          "no "
              + name
              + " entry named '"
              + entry
              + "'"
              + Suggestions.didYouMean(entry, names)
              + "; entries: "
              + String.join(", ", names));
    }
    return only.apply(configured, entry);
  }
}
