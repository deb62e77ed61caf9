package dev.hostkeep.core.config;

import dev.hostkeep.core.config.ConfigNode.Entry;
import dev.hostkeep.core.config.ConfigNode.ListNode;
import dev.hostkeep.core.config.ConfigNode.MapNode;
import dev.hostkeep.core.config.ConfigNode.ScalarNode;
import dev.hostkeep.core.secret.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads one mapping of the config for the section that owns it. Every accessor names a key the
 * section knows; {@link #finish()} then reports each key nobody asked for as unknown, suggesting
 * the closest known one. A wrong type or a missing required value is reported where it stands and
 * reading goes on, so one run lists every problem. Accessors return a default (or {@code null})
 * after reporting, and the caller must not use the result once {@link ConfigReader#problems()} has
 * errors.
 */
public final class ConfigObject {
  private final MapNode node;
  private final String path;
  private final ConfigReader reader;
  private final Set<String> known = new LinkedHashSet<>();

  ConfigObject(MapNode node, String path, ConfigReader reader) {
    this.node = node;
    this.path = path;
    this.reader = reader;
  }

  public Position position() {
    return node.position();
  }

  /** The dotted path of this mapping in the config, e.g. {@code providers.ovh}. */
  public String path() {
    return path;
  }

  public ConfigReader reader() {
    return reader;
  }

  public boolean has(String key) {
    known.add(key);
    ConfigNode value = value(key);
    return value != null && !(value instanceof ScalarNode scalar && scalar.value() == null);
  }

  /** The keys present in this mapping, in file order. */
  public Set<String> keys() {
    return node.entries().keySet();
  }

  /** Declares keys as valid without reading them (for keys read through another path). */
  public void allow(String... keys) {
    known.addAll(List.of(keys));
  }

  public String string(String key) {
    return requireScalar(key).map(ScalarNode::value).orElse(null);
  }

  public String string(String key, String defaultValue) {
    return optionalString(key).orElse(defaultValue);
  }

  public Optional<String> optionalString(String key) {
    known.add(key);
    return scalar(key).map(ScalarNode::value);
  }

  public int integer(String key, int defaultValue, int min, int max) {
    known.add(key);
    Optional<ScalarNode> scalar = scalar(key);
    if (scalar.isEmpty()) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(scalar.get().value().replace("_", ""));
      if (value < min || value > max) {
        reader.error(
            scalar.get(), key + " must be between " + min + " and " + max + ", got " + value);
        return defaultValue;
      }
      return value;
    } catch (NumberFormatException e) {
      reader.error(
          scalar.get(), key + " must be a whole number, got '" + scalar.get().value() + "'");
      return defaultValue;
    }
  }

  public boolean bool(String key, boolean defaultValue) {
    known.add(key);
    Optional<ScalarNode> scalar = scalar(key);
    if (scalar.isEmpty()) {
      return defaultValue;
    }
    return switch (scalar.get().value().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> {
        reader.error(
            scalar.get(), key + " must be true or false, got '" + scalar.get().value() + "'");
        yield defaultValue;
      }
    };
  }

  /** A duration such as {@code 250ms}, {@code 30s}, {@code 5m}, {@code 24h}, {@code 7d}. */
  public Duration duration(String key, Duration defaultValue) {
    known.add(key);
    Optional<ScalarNode> scalar = scalar(key);
    if (scalar.isEmpty()) {
      return defaultValue;
    }
    Optional<Duration> parsed = Durations.parse(scalar.get().value());
    if (parsed.isEmpty()) {
      reader.error(
          scalar.get(),
          key + " must be a duration like 30s, 5m, 24h or 7d, got '" + scalar.get().value() + "'");
      return defaultValue;
    }
    return parsed.get();
  }

  /** A share between 0 and 1, written {@code 10%} or {@code 0.1}. */
  public double share(String key, double defaultValue) {
    known.add(key);
    Optional<ScalarNode> scalar = scalar(key);
    if (scalar.isEmpty()) {
      return defaultValue;
    }
    String text = scalar.get().value().strip();
    try {
      double value =
          text.endsWith("%")
              ? Double.parseDouble(text.substring(0, text.length() - 1).strip()) / 100
              : Double.parseDouble(text);
      if (!(value >= 0 && value <= 1)) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      reader.error(scalar.get(), key + " must be a share like 10% or 0.1, got '" + text + "'");
      return defaultValue;
    }
  }

  /** One of {@code choices}, written in lower case with dashes for underscores. */
  public <E extends Enum<E>> E choice(String key, Class<E> type, E defaultValue) {
    known.add(key);
    Optional<ScalarNode> scalar = scalar(key);
    if (scalar.isEmpty()) {
      return defaultValue;
    }
    Map<String, E> byName = new LinkedHashMap<>();
    for (E constant : type.getEnumConstants()) {
      byName.put(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'), constant);
    }
    String given = scalar.get().value();
    E value = byName.get(given.toLowerCase(Locale.ROOT));
    if (value == null) {
      reader.error(
          scalar.get(),
          key
              + " must be one of "
              + String.join(", ", byName.keySet())
              + ", got '"
              + given
              + "'"
              + Suggestions.didYouMean(given, byName.keySet()));
      return defaultValue;
    }
    return value;
  }

  /**
   * A required credential; inline values are allowed but warned about if others can read the file.
   */
  public Secret secret(String key) {
    return requireScalar(key).map(scalar -> reader.secret(scalar)).orElse(null);
  }

  public Optional<Secret> optionalSecret(String key) {
    known.add(key);
    return scalar(key).map(reader::secret);
  }

  public Optional<ConfigObject> object(String key) {
    known.add(key);
    ConfigNode value = value(key);
    if (value == null || value instanceof ScalarNode s && s.value() == null) {
      return Optional.empty();
    }
    if (value instanceof MapNode map) {
      return Optional.of(new ConfigObject(map, child(key), reader));
    }
    reader.error(value, key + " must be a mapping (key: value lines), found " + value.kind());
    return Optional.empty();
  }

  public ConfigObject requireObject(String key) {
    if (!has(key)) {
      reader.error(node, "missing required key '" + key + "' in " + describe());
    }
    return object(key).orElseGet(() -> reader.empty(child(key), node.position()));
  }

  /** A list of strings; a single string is taken as a list of one. */
  public List<String> strings(String key) {
    List<String> out = new ArrayList<>();
    for (ConfigValue item : list(key)) {
      item.asString().ifPresent(out::add);
    }
    return out;
  }

  /** The items of a list (a single non-list value is taken as a list of one). */
  public List<ConfigValue> list(String key) {
    known.add(key);
    ConfigNode value = value(key);
    if (value == null || value instanceof ScalarNode s && s.value() == null) {
      return List.of();
    }
    List<ConfigNode> items = value instanceof ListNode list ? list.items() : List.of(value);
    List<ConfigValue> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      out.add(new ConfigValue(items.get(i), child(key) + "[" + i + "]", reader));
    }
    return out;
  }

  /**
   * A mapping of names to mappings (e.g. {@code providers}), read by {@code read} in file order.
   */
  public <T> Map<String, T> named(String key, Function<ConfigObject, T> read) {
    Map<String, T> out = new LinkedHashMap<>();
    object(key)
        .ifPresent(
            map -> {
              for (Entry entry : map.node.entries().values()) {
                map.known.add(entry.key());
                ConfigValue item = new ConfigValue(entry.value(), map.child(entry.key()), reader);
                item.asObject().ifPresent(object -> out.put(entry.key(), read.apply(object)));
              }
            });
    return out;
  }

  /** The raw node of a key, for sections that need to look at it themselves. */
  public Optional<ConfigValue> value(String key, boolean markKnown) {
    if (markKnown) {
      known.add(key);
    }
    ConfigNode value = value(key);
    return value == null
        ? Optional.empty()
        : Optional.of(new ConfigValue(value, child(key), reader));
  }

  /** Reports every key that no accessor asked for, with the closest known key. */
  public void finish() {
    for (Entry entry : node.entries().values()) {
      if (!known.contains(entry.key())) {
        reader
            .problems()
            .error(
                entry.keyPosition(),
                "unknown key '"
                    + entry.key()
                    + "' in "
                    + describe()
                    + Suggestions.didYouMean(entry.key(), known)
                    + (known.isEmpty() ? "" : "; valid keys: " + String.join(", ", known)));
      }
    }
  }

  public String describe() {
    return path.isEmpty() ? "the top level" : "'" + path + "'";
  }

  private String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private ConfigNode value(String key) {
    Entry entry = node.entries().get(key);
    return entry == null ? null : entry.value();
  }

  private Optional<ScalarNode> scalar(String key) {
    ConfigNode value = value(key);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof ScalarNode scalar) {
      return scalar.value() == null ? Optional.empty() : Optional.of(scalar);
    }
    reader.error(value, key + " must be a single value, found " + value.kind());
    return Optional.empty();
  }

  private Optional<ScalarNode> requireScalar(String key) {
    known.add(key);
    Optional<ScalarNode> scalar = scalar(key);
    if (scalar.isEmpty() && !(value(key) instanceof MapNode || value(key) instanceof ListNode)) {
      reader.error(node, "missing required key '" + key + "' in " + describe());
    }
    return scalar;
  }
}
