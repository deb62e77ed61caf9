package dev.hostkeep.core.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A capability section that is a list of named entries (or a single entry written as a mapping):
 * each entry read by the capability, and two entries with the same name reported where the second
 * one is.
 */
public final class NamedEntries {
  private NamedEntries() {}

  /**
   * The entries of {@code section} that {@code read} could read (it reports its own problems and
   * returns empty for an entry it cannot use), in config order.
   */
  public static <T> List<T> read(
      ConfigValue section,
      String capability,
      Function<ConfigObject, Optional<T>> read,
      Function<T, String> name) {
    List<T> entries = new ArrayList<>();
    Set<String> names = new HashSet<>();
    List<ConfigValue> items = section.isObject() ? List.of(section) : section.asList();
    for (ConfigValue item : items) {
      item.asObject()
          .flatMap(read)
          .ifPresent(
              entry -> {
                if (!names.add(name.apply(entry))) {
                  item.reader()
                      .error(
                          item,
                          "two " + capability + " entries are named '" + name.apply(entry) + "'");
                }
                entries.add(entry);
              });
    }
    return entries;
  }
}
