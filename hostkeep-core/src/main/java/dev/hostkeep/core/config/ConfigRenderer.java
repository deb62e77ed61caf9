package dev.hostkeep.core.config;

import dev.hostkeep.core.config.ConfigNode.Entry;
import dev.hostkeep.core.config.ConfigNode.ListNode;
import dev.hostkeep.core.config.ConfigNode.MapNode;
import dev.hostkeep.core.config.ConfigNode.ScalarNode;
import dev.hostkeep.core.secret.Secret;
import java.util.regex.Pattern;

/** Writes the resolved config back as YAML, each secret value shown as {@code ****}. */
final class ConfigRenderer {
  /** What YAML reads back as the same string unquoted: no indicator first, no ": ", no " #". */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./+][A-Za-z0-9_ ./@:+-]*");

  private static final Pattern YAML_NULL = Pattern.compile("null|Null|NULL|~");

  private ConfigRenderer() {}

  static String render(MapNode root, ConfigReader reader) {
    StringBuilder out = new StringBuilder();
    if (root.entries().isEmpty()) {
      return "{}\n";
    }
    map(root, 0, reader, out);
    return out.toString();
  }

  private static void map(MapNode map, int indent, ConfigReader reader, StringBuilder out) {
    for (Entry entry : map.entries().values()) {
      out.append(" ".repeat(indent)).append(entry.key()).append(':');
      value(entry.value(), indent, reader, out);
    }
  }

  private static void value(ConfigNode node, int indent, ConfigReader reader, StringBuilder out) {
    switch (node) {
      case ScalarNode scalar -> out.append(' ').append(scalar(scalar, reader)).append('\n');
      case MapNode map -> {
        if (map.entries().isEmpty()) {
          out.append(" {}\n");
        } else {
          out.append('\n');
          map(map, indent + 2, reader, out);
        }
      }
      case ListNode list -> {
        if (list.items().isEmpty()) {
          out.append(" []\n");
          return;
        }
        out.append('\n');
        for (ConfigNode item : list.items()) {
          out.append(" ".repeat(indent + 2)).append('-');
          if (item instanceof MapNode itemMap && !itemMap.entries().isEmpty()) {
            StringBuilder nested = new StringBuilder();
            map(itemMap, indent + 4, reader, nested);
            out.append(' ').append(nested.substring(indent + 4));
          } else {
            value(item, indent + 2, reader, out);
          }
        }
      }
    }
  }

  private static String scalar(ScalarNode scalar, ConfigReader reader) {
    if (scalar.value() == null) {
      return "null";
    }
    if (reader.isSecret(scalar)) {
      return "'" + Secret.MASK + "'";
    }
    String value = scalar.value();
    if (PLAIN.matcher(value).matches()
        && !YAML_NULL.matcher(value).matches()
        && !value.endsWith(" ")
        && !value.endsWith(":")
        && !value.contains(": ")) {
      return value;
    }
    return "'" + value.replace("'", "''") + "'";
  }
}
