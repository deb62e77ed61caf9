package dev.hostkeep.core.capability;

import dev.hostkeep.core.HostkeepException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.WeakHashMap;
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

  /**
   * Everything registered with {@link ServiceLoader} on the class path of {@code loader}. Found
   * once per class loader: the class path does not change while hostkeep runs, and the CLI's
   * start-up thread can then do the scan while the main thread parses the command line.
   */
  public static Plugins discover(ClassLoader loader) {
    synchronized (DISCOVERED) {
      Plugins plugins = DISCOVERED.get(loader);
      if (plugins == null) {
        plugins = scan(loader);
        DISCOVERED.put(loader, plugins);
      }
      return plugins;
    }
  }

  private static final Map<ClassLoader, Plugins> DISCOVERED = new WeakHashMap<>();

  private static Plugins scan(ClassLoader loader) {
    List<Capability> capabilities = new ArrayList<>();
    ServiceLoader.load(Capability.class, loader).forEach(capabilities::add);
    List<ProviderType> types = new ArrayList<>();
    ServiceLoader.load(ProviderType.class, loader).forEach(types::add);
    List<ConfigSection> sections = new ArrayList<>();
    ServiceLoader.load(ConfigSection.class, loader).forEach(sections::add);
    capabilities.sort((a, b) -> a.name().compareTo(b.name()));
    types.sort((a, b) -> a.type().compareTo(b.type()));
    sections.sort((a, b) -> a.name().compareTo(b.name()));
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
