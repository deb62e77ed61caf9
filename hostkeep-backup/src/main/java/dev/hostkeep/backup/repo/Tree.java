package dev.hostkeep.backup.repo;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A tree blob: a directory's nodes, strictly sorted by name, as {@code {"nodes":[...]}\n}. */
public record Tree(@JsonProperty("nodes") List<Node> nodes) {

  /**
   * Orders names as Go compares strings, by their UTF-8 bytes; Java's UTF-16 order differs for
   * characters beyond the Basic Multilingual Plane.
   */
  public static final Comparator<String> NAME_ORDER =
      (a, b) ->
          FileNames.hasRawBytes(a) || FileNames.hasRawBytes(b)
              ? java.util.Arrays.compareUnsigned(FileNames.bytes(a), FileNames.bytes(b))
              : compareCodePoints(a, b);

  /** UTF-8 byte order, which is code point order (not Java's UTF-16 order). */
  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  /** A tree of {@code nodes} put in order; two nodes of one name are a bug of the caller. */
  public static Tree sorted(List<Node> nodes) {
    List<Node> ordered = new ArrayList<>(nodes);
    ordered.sort(Comparator.comparing(Node::name, NAME_ORDER));
    for (int i = 1; i < ordered.size(); i++) {
      if (ordered.get(i).name().equals(ordered.get(i - 1).name())) {
        throw new IllegalArgumentException("two entries named '" + ordered.get(i).name() + "'");
      }
    }
    return new Tree(ordered);
  }

  public byte[] encode() {
    byte[] json = RepoJson.write(this);
    byte[] out = java.util.Arrays.copyOf(json, json.length + 1);
    out[json.length] = '\n';
    return out;
  }

  public static Tree decode(byte[] json, Id id) {
    Tree tree = RepoJson.read(json, Tree.class, "tree " + id);
    return tree.nodes() == null ? new Tree(List.of()) : tree;
  }

  /** The node called {@code name}, or {@code null}. */
  public Node find(String name) {
    for (Node node : nodes) {
      if (node.name().equals(name)) {
        return node;
      }
    }
    return null;
  }
}
