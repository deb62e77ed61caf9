package dev.hostkeep.core.capability;

import dev.hostkeep.core.config.ConfigValue;
import dev.hostkeep.core.config.Suggestions;
import java.util.Map;
import java.util.Optional;

/** The providers the config defines, by name, as capabilities look them up while reading config. */
public final class Providers {
  private final Map<String, Configured> byName;

  /** One configured provider: its name in the config, its type, and the object that serves it. */
  public record Configured(String name, String type, Object instance) {}

  public Providers(Map<String, Configured> byName) {
    this.byName = Map.copyOf(byName);
  }

  public Map<String, Configured> all() {
    return byName;
  }

  /**
   * The provider named by {@code reference} in the role {@code role}, or a reported config error
   * (an unknown name with the closest defined one, or a provider that cannot play that role).
   */
  public <T> Optional<T> lookup(ConfigValue reference, Class<T> role, String roleName) {
    Optional<String> name = reference.asString();
    if (name.isEmpty()) {
      return Optional.empty();
    }
    Configured provider = byName.get(name.get());
    if (provider == null) {
      reportUnknown(reference, name.get());
      return Optional.empty();
    }
    if (provider.instance() == null) {
      return Optional.empty(); // its own section had errors, already reported
    }
    if (!role.isInstance(provider.instance())) {
      reportError(
          reference,
          "provider '"
              + name.get()
              + "' is of type "
              + provider.type()
              + ", which cannot be used as "
              + roleName);
      return Optional.empty();
    }
    return Optional.of(role.cast(provider.instance()));
  }

  private void reportUnknown(ConfigValue reference, String name) {
    reportError(
        reference,
        "no provider named '"
            + name
            + "' under providers:"
            + Suggestions.didYouMean(name, byName.keySet())
            + (byName.isEmpty() ? "" : "; defined: " + String.join(", ", byName.keySet())));
  }

  private static void reportError(ConfigValue reference, String message) {
    reference.reader().error(reference, message);
  }
}
