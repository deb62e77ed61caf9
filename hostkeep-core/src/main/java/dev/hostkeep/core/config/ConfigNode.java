package dev.hostkeep.core.config;

import java.util.List;
import java.util.Map;

/**
 * The config as YAML gave it, every node knowing its {@link Position}. Values from {@code
 * ${env:...}} and {@code ${file:...}} are already resolved in scalars, which then remember they
 * carry a secret.
 */
public sealed interface ConfigNode {
  Position position();

  /** A short name of the node's kind for messages: "a mapping", "a list", "a string". */
  String kind();

  /** A mapping in file order; each entry remembers where its key stands. */
  record MapNode(Position position, Map<String, Entry> entries) implements ConfigNode {
    public MapNode {
      entries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
    }

    @Override
    public String kind() {
      return "a mapping";
    }
  }

  /** One key of a mapping and its value. */
  record Entry(String key, Position keyPosition, ConfigNode value) {}

  record ListNode(Position position, List<ConfigNode> items) implements ConfigNode {
    public ListNode {
      items = List.copyOf(items);
    }

    @Override
    public String kind() {
      return "a list";
    }
  }

  /**
   * A scalar; {@code value} is {@code null} for YAML's null. {@code secret} is true when the value
   * came from {@code ${env:...}} or {@code ${file:...}}; {@code quoted} when it was written in
   * quotes.
   */
  record ScalarNode(Position position, String value, boolean quoted, boolean secret)
      implements ConfigNode {
    @Override
    public String kind() {
      return value == null ? "null" : "a value";
    }
  }
}
