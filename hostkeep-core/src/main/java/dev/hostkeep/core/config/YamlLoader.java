package dev.hostkeep.core.config;

import dev.hostkeep.core.config.ConfigNode.Entry;
import dev.hostkeep.core.config.ConfigNode.ListNode;
import dev.hostkeep.core.config.ConfigNode.MapNode;
import dev.hostkeep.core.config.ConfigNode.ScalarNode;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads YAML into {@link ConfigNode}s that know their file, line and column. Syntax errors,
 * duplicate keys and unresolvable {@code ${...}} references become {@link Problems}, never
 * exceptions, so they are reported together with the validation errors.
 */
final class YamlLoader {
  private final String file;
  private final References references;
  private final Problems problems;

  YamlLoader(String file, References references, Problems problems) {
    this.file = file;
    this.references = references;
    this.problems = problems;
  }

  /** Loads and initialises SnakeYAML's parser classes by composing a one-line document. */
  static void warmUp() {
    LoaderOptions options = new LoaderOptions();
    new Composer(new ParserImpl(new StreamReader("a: [b]"), options), new Resolver(), options)
        .getSingleNode();
  }

  /** The document's root, or an empty mapping when the text is empty or unreadable. */
  MapNode load(String text) {
    Position top = new Position(file, 1, 1);
    Node root;
    try (Reader reader = new StringReader(text)) {
      LoaderOptions options = new LoaderOptions();
      options.setMaxAliasesForCollections(50);
      options.setAllowRecursiveKeys(false);
      // Only the node tree is wanted: a Composer alone, without the Yaml facade's constructor,
      // representer and dumper, which a config never uses.
      root =
          new Composer(new ParserImpl(new StreamReader(reader), options), new Resolver(), options)
              .getSingleNode();
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      problems.error(position(mark), "not valid YAML: " + e.getProblem() + hint(text, mark));
      return new MapNode(top, Map.of());
    } catch (java.io.IOException | RuntimeException e) {
      problems.error(top, "not valid YAML: " + e.getMessage());
      return new MapNode(top, Map.of());
    }
    if (root == null) {
      return new MapNode(top, Map.of());
    }
    ConfigNode node = convert(root);
    if (node instanceof MapNode map) {
      return map;
    }
    problems.error(
        node.position(), "the config must be a mapping of sections, found " + node.kind());
    return new MapNode(top, Map.of());
  }

  private ConfigNode convert(Node node) {
    Position position = position(node.getStartMark());
    return switch (node) {
      case MappingNode mapping -> mapping(mapping, position);
      case SequenceNode sequence -> {
        List<ConfigNode> items = new ArrayList<>();
        for (Node item : sequence.getValue()) {
          items.add(convert(item));
        }
        yield new ListNode(position, items);
      }
      case org.yaml.snakeyaml.nodes.ScalarNode scalar -> scalar(scalar, position);
      default -> {
        problems.error(position, "unsupported YAML node " + node.getNodeId());
        yield new ScalarNode(position, null, false, false);
      }
    };
  }

  private MapNode mapping(MappingNode mapping, Position position) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      Position keyPosition = position(keyNode.getStartMark());
      if (keyNode.getTag().equals(Tag.MERGE)) {
        problems.error(keyPosition, "merge keys (<<) are not supported: write the keys out");
        continue;
      }
      if (!(keyNode instanceof org.yaml.snakeyaml.nodes.ScalarNode scalarKey)) {
        problems.error(keyPosition, "a key must be a plain name, found a " + keyNode.getNodeId());
        continue;
      }
      String key = scalarKey.getValue();
      Entry previous = entries.get(key);
      if (previous != null) {
        problems.error(
            keyPosition,
            "duplicate key '" + key + "' (first at line " + previous.keyPosition().line() + ")");
        continue;
      }
      entries.put(key, new Entry(key, keyPosition, convert(tuple.getValueNode())));
    }
    return new MapNode(position, entries);
  }

  private ScalarNode scalar(org.yaml.snakeyaml.nodes.ScalarNode scalar, Position position) {
    boolean quoted = scalar.getScalarStyle() != ScalarStyle.PLAIN;
    if (!quoted && scalar.getTag().equals(Tag.NULL)) {
      return new ScalarNode(position, null, false, false);
    }
    References.Resolved resolved = references.resolve(scalar.getValue(), position, problems);
    return new ScalarNode(position, resolved.value(), quoted, resolved.secret());
  }

  /** YAML reads {@code ${} inside a flow mapping as a nested mapping; say how to write it. */
  private static String hint(String text, Mark mark) {
    if (mark == null) {
      return "";
    }
    List<String> lines = text.lines().toList();
    String line = mark.getLine() < lines.size() ? lines.get(mark.getLine()) : "";
    int column = mark.getColumn();
    boolean reference =
        column > 0
            && column < line.length()
            && line.charAt(column - 1) == '$'
            && line.charAt(column) == '{';
    return reference
        ? "; inside { } a value holding ${...} must be quoted: api_key: \"${env:NAME}\""
        : "";
  }

  private Position position(Mark mark) {
    if (mark == null) {
      return new Position(file, 1, 1);
    }
    return new Position(file, mark.getLine() + 1, mark.getColumn() + 1);
  }
}
