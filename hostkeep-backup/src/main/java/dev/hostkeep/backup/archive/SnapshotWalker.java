package dev.hostkeep.backup.archive;

import dev.hostkeep.backup.repo.BlobType;
import dev.hostkeep.backup.repo.Id;
import dev.hostkeep.backup.repo.Node;
import dev.hostkeep.backup.repo.Repository;
import dev.hostkeep.backup.repo.Tree;
import java.io.IOException;
import java.io.OutputStream;

/** Reads a snapshot's trees: finds nodes by path, lists them, writes a file's content out. */
public final class SnapshotWalker {
  private final Repository repository;

  public SnapshotWalker(Repository repository) {
    this.repository = repository;
  }

  public Tree tree(Id id) {
    return Tree.decode(repository.loadBlob(BlobType.TREE, id), id);
  }

  /** What {@link #visit} calls for every node, with its absolute path in the snapshot. */
  @FunctionalInterface
  public interface Visitor {
    void visit(String path, Node node) throws IOException;
  }

  /** Calls {@code visitor} for every node below {@code tree}, parents before children. */
  public void visit(Id tree, String prefix, Visitor visitor) throws IOException {
    for (Node node : tree(tree).nodes()) {
      String path = prefix + "/" + node.name();
      visitor.visit(path, node);
      if (node.isDir() && node.subtree() != null) {
        visit(Id.parse(node.subtree()), path, visitor);
      }
    }
  }

  /**
   * The node at {@code path} ({@code /}-separated, absolute) below the root tree, or a directory
   * node standing for the root itself when {@code path} is {@code /}.
   */
  public Node find(Id root, String path) {
    Node node = rootNode(root);
    for (String part : path.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      if (!node.isDir() || node.subtree() == null) {
        throw new ArchiveException(path + " is not in the snapshot (" + part + " is not a folder)");
      }
      node = tree(Id.parse(node.subtree())).find(part);
      if (node == null) {
        throw new ArchiveException(path + " is not in the snapshot");
      }
    }
    return node;
  }

  static Node rootNode(Id root) {
    return new Node(
        "/",
        "dir",
        Node.MODE_DIR | 0755,
        null,
        null,
        null,
        0,
        0,
        null,
        null,
        0,
        0,
        0,
        0,
        null,
        null,
        0,
        null,
        root.toString());
  }

  /** Writes a file node's content to {@code out}, each blob verified against its id. */
  public void dump(Node file, OutputStream out) throws IOException {
    if (!file.isFile()) {
      throw new ArchiveException(file.name() + " is a " + file.type() + ", not a file");
    }
    for (Id id : file.contentIds()) {
      out.write(repository.loadBlob(BlobType.DATA, id));
    }
  }
}
