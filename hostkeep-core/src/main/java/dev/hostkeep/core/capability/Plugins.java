package dev.hostkeep.core.capability;

import dev.hostkeep.core.HostkeepException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * The capabilities and provider types on the class path, found by {@link ServiceLoader}. Two
 * plugins claiming the same name are both named in the error, so a stray jar is easy to find.
 */
public final class Plugins {
  private final Map<String, Capability> capabilities;
  private final Map<String, ProviderType> providerTypes;
  private final Map<String, ConfigSection> sections;

  public Plugins(List<Capability> capabilities, List<ProviderType> providerTypes) {
    this(capabilities, providerTypes, List.of());
  }

  public Plugins(
      List<Capability> capabilities,
      List<ProviderType> providerTypes,
      List<ConfigSection> sections) {
    this.capabilities = index(capabilities, Capability::name, "capabilities");
    this.providerTypes = index(providerTypes, ProviderType::type, "provider types");
    this.sections = index(sections, ConfigSection::name, "config sections");
  }

  /** Everything registered with {@link ServiceLoader} on the class path of {@code loader}. */
  public static Plugins discover(ClassLoader loader) {
    List<Capability> capabilities = new ArrayList<>();
    ServiceLoader.load(Capability.class, loader).forEach(capabilities::add);
    List<ProviderType> types = new ArrayList<>();
    ServiceLoader.load(ProviderType.class, loader).forEach(types::add);
    List<ConfigSection> sections = new ArrayList<>();
    ServiceLoader.load(ConfigSection.class, loader).forEach(sections::add);
    capabilities.sort(java.util.Comparator.comparing(Capability::name));
    types.sort(java.util.Comparator.comparing(ProviderType::type));
    sections.sort(java.util.Comparator.comparing(ConfigSection::name));
    return new Plugins(capabilities, types, sections);
  }

  public Map<String, Capability> capabilities() {
    return capabilities;
  }

  public Map<String, ProviderType> providerTypes() {
    return providerTypes;
  }

  public Map<String, ConfigSection> sections() {
    return sections;
  }

  private static <T> Map<String, T> index(List<T> plugins, Function<T, String> name, String what) {
    Map<String, T> byName = new LinkedHashMap<>();
    for (T plugin : plugins) {
      T previous = byName.putIfAbsent(name.apply(plugin), plugin);
      if (previous != null) {
        throw new HostkeepException(
            "two "
                + what
                + " are both named '"
                + name.apply(plugin)
                + "': "
                + previous.getClass().getName()
                + " and "
                + plugin.getClass().getName()
                + "; remove one of the jars that provide them");
      }
    }
    return java.util.Collections.unmodifiableMap(byName);
  }
}
