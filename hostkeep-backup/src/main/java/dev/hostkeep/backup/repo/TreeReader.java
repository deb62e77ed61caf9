package dev.hostkeep.backup.repo;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a tree blob's JSON token by token into its nodes, as Jackson's data binding of {@link Tree}
 * would (unknown fields skipped, a missing or null field left empty), at a fraction of its cost: a
 * backup with a parent and every restore read one tree per folder, and binding each node's record
 * through reflection was most of the time it took to read one.
 */
final class TreeReader {
  private TreeReader() {}

  static Tree read(JsonParser in) throws IOException {
    RepoJson.expect(in.nextToken(), JsonToken.START_OBJECT, in, "a tree");
    List<Node> nodes = null;
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      String field = in.currentName();
      JsonToken value = in.nextToken();
      if (field.equals("nodes")) {
        nodes = RepoJson.objects(in, value, "node", TreeReader::node);
      } else {
        in.skipChildren();
      }
    }
    return new Tree(nodes == null ? List.of() : nodes);
  }

  private static Node node(JsonParser in) throws IOException {
    String name = null;
    String type = null;
    String mtime = null;
    String atime = null;
    String ctime = null;
    String user = null;
    String group = null;
    String linkTarget = null;
    String subtree = null;
    long mode = 0;
    long uid = 0;
    long gid = 0;
    long inode = 0;
    long deviceId = 0;
    long size = 0;
    long links = 0;
    long device = 0;
    List<Node.Xattr> xattrs = null;
    List<String> content = null;
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      String field = in.currentName();
      JsonToken value = in.nextToken();
      switch (field) {
        case "name" -> {
          String quoted = text(in, value);
          name = quoted == null ? null : FileNames.unquote(quoted);
        }
        case "type" -> type = text(in, value);
        case "mode" -> mode = RepoJson.number(in, value);
        case "mtime" -> mtime = text(in, value);
        case "atime" -> atime = text(in, value);
        case "ctime" -> ctime = text(in, value);
        case "uid" -> uid = RepoJson.number(in, value);
        case "gid" -> gid = RepoJson.number(in, value);
        case "user" -> user = text(in, value);
        case "group" -> group = text(in, value);
        case "inode" -> inode = RepoJson.number(in, value);
        case "device_id" -> deviceId = RepoJson.number(in, value);
        case "size" -> size = RepoJson.number(in, value);
        case "links" -> links = RepoJson.number(in, value);
        case "linktarget" -> linkTarget = text(in, value);
        case "extended_attributes" ->
            xattrs = RepoJson.objects(in, value, "extended attribute", TreeReader::xattr);
        case "device" -> device = RepoJson.number(in, value);
        case "content" -> content = strings(in, value);
        case "subtree" -> subtree = text(in, value);
        default -> in.skipChildren();
      }
    }
    return new Node(
        name,
        type,
        mode,
        mtime,
        atime,
        ctime,
        uid,
        gid,
        user,
        group,
        inode,
        deviceId,
        size,
        links,
        linkTarget,
        xattrs,
        device,
        content,
        subtree);
  }

  private static Node.Xattr xattr(JsonParser in) throws IOException {
    String name = null;
    byte[] bytes = null;
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      String field = in.currentName();
      JsonToken value = in.nextToken();
      switch (field) {
        case "name" -> name = text(in, value);
        case "value" -> bytes = value == JsonToken.VALUE_NULL ? null : in.getBinaryValue();
        default -> in.skipChildren();
      }
    }
    return new Node.Xattr(name, bytes);
  }

  private static List<String> strings(JsonParser in, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    RepoJson.expect(value, JsonToken.START_ARRAY, in, "a list");
    List<String> strings = new ArrayList<>();
    for (JsonToken token = in.nextToken(); token != JsonToken.END_ARRAY; token = in.nextToken()) {
      strings.add(text(in, token));
    }
    return strings;
  }

  private static String text(JsonParser in, JsonToken value) throws IOException {
    return switch (value) {
      case VALUE_NULL -> null;
      case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE ->
          in.getValueAsString();
      default -> throw new IOException("expected a string at " + in.currentLocation());
    };
  }
}
