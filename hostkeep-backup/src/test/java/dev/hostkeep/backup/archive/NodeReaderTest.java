package dev.hostkeep.backup.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostkeep.backup.repo.Node;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file's extended attributes: read, or taken from the parent snapshot when provably unchanged.
 */
class NodeReaderTest {
  @TempDir Path temp;

  private final NodeReader reader = new NodeReader(ZoneOffset.UTC);

  private static Node withXattrs(Node node, List<Node.Xattr> xattrs, String ctime) {
    return new Node(
        node.name(),
        node.type(),
        node.mode(),
        node.mtime(),
        node.atime(),
        ctime,
        node.uid(),
        node.gid(),
        node.user(),
        node.group(),
        node.inode(),
        node.deviceId(),
        node.size(),
        node.links(),
        node.linkTarget(),
        xattrs,
        node.device(),
        node.content(),
        node.subtree());
  }

  private static String text(Node.Xattr xattr) {
    return xattr.name() + "=" + new String(xattr.value(), StandardCharsets.UTF_8);
  }

  @Test
  void theParentsAttributesAreTakenOnlyForTheSameInodeAndChangeTime() throws Exception {
    Path file = Files.writeString(temp.resolve("tagged.txt"), "bytes");
    Files.getFileAttributeView(file, UserDefinedFileAttributeView.class)
        .write("note", StandardCharsets.UTF_8.encode("on disk"));
    Node now = reader.read(file, "tagged.txt");
    assertThat(now.xattrs()).map(NodeReaderTest::text).containsExactly("user.note=on disk");

    List<Node.Xattr> recorded =
        List.of(
            new Node.Xattr("security.selinux", "a label".getBytes(StandardCharsets.UTF_8)),
            new Node.Xattr("user.note", "recorded".getBytes(StandardCharsets.UTF_8)));
    Node sameChange = withXattrs(now, recorded, now.ctime());
    assertThat(reader.read(file, "tagged.txt", sameChange).xattrs())
        .as("taken from the parent, and only the namespace a fresh read sees")
        .map(NodeReaderTest::text)
        .containsExactly("user.note=recorded");

    Node otherChange = withXattrs(now, recorded, "2001-02-03T04:05:06Z");
    assertThat(reader.read(file, "tagged.txt", otherChange).xattrs())
        .as("read again when the change time differs")
        .map(NodeReaderTest::text)
        .containsExactly("user.note=on disk");
  }
}
