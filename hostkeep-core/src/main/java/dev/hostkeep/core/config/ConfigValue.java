package dev.hostkeep.core.config;

import dev.hostkeep.core.config.ConfigNode.MapNode;
import dev.hostkeep.core.config.ConfigNode.ScalarNode;
import java.util.Optional;

/** Any one value of the config, of a kind the reading section checks. */
public final class ConfigValue {
  private final ConfigNode node;
  private final String path;
  private final ConfigReader reader;

  ConfigValue(ConfigNode node, String path, ConfigReader reader) {
    this.node = node;
    this.path = path;
    this.reader = reader;
  }

  public Position position() {
    return node.position();
  }

  public ConfigReader reader() {
    return reader;
  }

  public String path() {
    return path;
  }

  /** Whether the value came from {@code ${env:...}} or {@code ${file:...}} rather than the file. */
  public boolean fromReference() {
    return node instanceof ScalarNode scalar && scalar.secret();
  }

  public boolean isObject() {
    return node instanceof MapNode;
  }

  public boolean isScalar() {
    return node instanceof ScalarNode;
  }

  /** The value as a mapping, or a reported error and empty. */
  public Optional<ConfigObject> asObject() {
    if (node instanceof MapNode map) {
      return Optional.of(new ConfigObject(map, path, reader));
    }
    reader.error(node, "'" + path + "' must be a mapping (key: value lines), found " + node.kind());
    return Optional.empty();
  }

  /** The items of a list value, or a reported error and no items. */
  public java.util.List<ConfigValue> asList() {
    if (node instanceof ConfigNode.ListNode list) {
      java.util.List<ConfigValue> items = new java.util.ArrayList<>();
      for (int i = 0; i < list.items().size(); i++) {
        items.add(new ConfigValue(list.items().get(i), path + "[" + i + "]", reader));
      }
      return items;
    }
    reader.error(
        node, "'" + path + "' must be a list (lines starting with '- '), found " + node.kind());
    return java.util.List.of();
  }

  /** The value as a string, or a reported error and empty. */
  public Optional<String> asString() {
    if (node instanceof ScalarNode scalar && scalar.value() != null) {
      return Optional.of(scalar.value());
    }
    reader.error(node, "'" + path + "' must be a single value, found " + node.kind());
    return Optional.empty();
  }
}
