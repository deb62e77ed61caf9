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
    try (com.fasterxml.jackson.core.JsonParser in = RepoJson.MAPPER.createParser(json)) {
      return TreeReader.read(in);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new RepositoryException("tree " + id + " is not valid JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException | IllegalArgumentException e) {
      throw new RepositoryException("tree " + id + " cannot be read: " + e.getMessage());
    }
  }

  /**
   * The node called {@code name}, or {@code null}. Found by binary search: trees are sorted by name
   * (restic's check reports one that is not), and a backup with a parent looks up every file of a
   * folder, which could hold 100,000.
   */
  public Node find(String name) {
    int low = 0;
    int high = nodes.size() - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      Node node = nodes.get(middle);
      int order = NAME_ORDER.compare(node.name(), name);
      if (order == 0) {
        return node;
      }
      if (order < 0) {
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return null;
  }

  /**
   * Whether this tree has exactly {@code nodes}, in whatever order: then it is what they would
   * encode to, and a backup can use its id without encoding, hashing and looking it up again.
   */
  public boolean holdsExactly(List<Node> nodes) {
    if (nodes.size() != this.nodes.size()) {
      return false;
    }
    for (Node node : nodes) {
      if (!node.equals(find(node.name()))) {
        return false;
      }
    }
    return true;
  }
}
