package dev.hostkeep.backup.archive;

import dev.hostkeep.backup.repo.GoTime;
import dev.hostkeep.backup.repo.Id;
import dev.hostkeep.backup.repo.Node;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Turns a tar stream of one folder ({@code tar -C / -cf - var/www/shop}, GNU or PAX format) into
 * the same trees a walk of that folder makes: modes, owners, times, symlinks, special files, {@code
 * user.*} xattrs, and hard links (which get one made-up inode per link group, so restore links them
 * again). Folders above the backed-up one, which tar does not send, are recorded as plain 0755
 * folders.
 */
final class TarTree {
  /** Stores a file's content and returns its blob ids. */
  interface ContentStore {
    List<String> store(InputStream in) throws IOException;
  }

  /** Saves a folder's tree blob and returns its id. */
  interface TreeStore {
    Id save(List<Node> children);
  }

  private final ZoneId zone;
  private final Excludes.Matcher excludes;
  private final BackupStats stats;
  private final Dir top = new Dir();
  private final Map<String, Node> files = new HashMap<>();
  private final Map<Long, Integer> linkCounts = new HashMap<>();
  private long nextInode = 1;

  TarTree(ZoneId zone, Excludes.Matcher excludes, BackupStats stats) {
    this.zone = zone;
    this.excludes = excludes;
    this.stats = stats;
  }

  /** A folder being assembled: its own node (null when tar did not send one) and children. */
  private static final class Dir {
    Node node;
    final Map<String, Dir> dirs = new LinkedHashMap<>();
    final Map<String, Node> entries = new LinkedHashMap<>();
  }

  /** Reads every entry of {@code tar}, storing file contents as they come. */
  void read(InputStream tar, ContentStore content) throws IOException {
    TarArchiveInputStream in = new TarArchiveInputStream(tar, StandardCharsets.UTF_8.name());
    String skipped = null; // an excluded folder: everything below it is left out too
    for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
      String path = normal(entry.getName());
      if (path.isEmpty()) {
        continue;
      }
      if (skipped != null && path.startsWith(skipped)) {
        continue;
      }
      if (excludes.excluded(Path.of("/" + path))) {
        skipped = entry.isDirectory() ? path + "/" : skipped;
        continue;
      }
      add(path, entry, in, content);
    }
    // tar stops at its end-of-archive blocks; reading on to the end of the stream is what lets a
    // stream that checks its command's exit status (a failed remote tar) report it
    tar.transferTo(java.io.OutputStream.nullOutputStream());
  }

  private void add(String path, TarArchiveEntry entry, InputStream data, ContentStore content)
      throws IOException {
    int slash = path.lastIndexOf('/');
    String name = path.substring(slash + 1);
    Dir parent = dir(slash < 0 ? "" : path.substring(0, slash));
    if (entry.isDirectory()) {
      stats.dirs.incrementAndGet();
      parent.dirs.computeIfAbsent(name, n -> new Dir()).node = node(name, entry, "dir", 0);
      return;
    }
    Node node;
    if (entry.isLink()) {
      Node target = files.get(normal(entry.getLinkName()));
      if (target == null) {
        stats.warn(
            "hard link " + path + " points to " + entry.getLinkName() + ", not sent before it");
        return;
      }
      linkCounts.merge(target.inode(), 1, Integer::sum);
      node = target.withName(name);
      stats.filesUnmodified.incrementAndGet();
      stats.bytesProcessed.addAndGet(target.size());
    } else if (entry.isSymbolicLink()) {
      node = node(name, entry, "symlink", 0);
    } else if (entry.isCharacterDevice() || entry.isBlockDevice()) {
      long device = makedev(entry.getDevMajor(), entry.getDevMinor());
      node = node(name, entry, entry.isCharacterDevice() ? "chardev" : "dev", device);
    } else if (entry.isFIFO()) {
      node = node(name, entry, "fifo", 0);
    } else if (entry.isFile()) { // commons-compress says so of all but folders: ask last
      node = node(name, entry, "file", 0);
      long inode = nextInode++;
      linkCounts.put(inode, 1);
      node = node.withContent(content.store(data), entry.getSize()).withLink(inode, 1, 1);
      stats.filesNew.incrementAndGet();
      stats.bytesProcessed.addAndGet(entry.getSize());
      files.put(path, node);
    } else {
      stats.warn("left out " + path + ": a tar entry of type '" + (char) entry.getLinkFlag() + "'");
      return;
    }
    parent.entries.put(name, node);
  }

  /** Saves every folder's tree, deepest first, and returns the root tree's id. */
  Id save(TreeStore trees) {
    return trees.save(children(top, trees));
  }

  private List<Node> children(Dir dir, TreeStore trees) {
    List<Node> out = new ArrayList<>();
    for (Node node : dir.entries.values()) {
      int links = node.isFile() ? linkCounts.getOrDefault(node.inode(), 1) : 0;
      out.add(links > 1 ? node.withLink(node.inode(), node.deviceId(), links) : node);
    }
    for (Map.Entry<String, Dir> child : dir.dirs.entrySet()) {
      Dir sub = child.getValue();
      Node node = sub.node != null ? sub.node : placeholder(child.getKey());
      out.add(node.withSubtree(trees.save(children(sub, trees))));
    }
    return out;
  }

  private Dir dir(String path) {
    Dir at = top;
    if (path.isEmpty()) {
      return at;
    }
    for (String part : path.split("/")) {
      at = at.dirs.computeIfAbsent(part, n -> new Dir());
    }
    return at;
  }

  private Node node(String name, TarArchiveEntry entry, String type, long device) {
    int typeBits =
        switch (type) {
          case "dir" -> 0040000;
          case "symlink" -> 0120000;
          case "dev" -> 0060000;
          case "chardev" -> 0020000;
          case "fifo" -> 0010000;
          default -> 0100000;
        };
    String mtime = time(entry.getLastModifiedTime());
    String atime = entry.getLastAccessTime() == null ? mtime : time(entry.getLastAccessTime());
    String ctime = entry.getStatusChangeTime() == null ? mtime : time(entry.getStatusChangeTime());
    return new Node(
        name,
        type,
        NodeReader.goMode(typeBits | (entry.getMode() & 07777)),
        mtime,
        atime,
        ctime,
        entry.getLongUserId(),
        entry.getLongGroupId(),
        entry.getUserName().isEmpty() ? null : entry.getUserName(),
        entry.getGroupName().isEmpty() ? null : entry.getGroupName(),
        0,
        0,
        "file".equals(type) ? entry.getSize() : 0,
        0,
        "symlink".equals(type) ? entry.getLinkName() : null,
        xattrs(entry),
        device,
        "dir".equals(type) ? null : "file".equals(type) ? List.of() : null,
        null);
  }

  private Node placeholder(String name) {
    String now = GoTime.format(Instant.EPOCH, zone);
    return new Node(
        name,
        "dir",
        NodeReader.goMode(0040755),
        now,
        now,
        now,
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
        null);
  }

  private static List<Node.Xattr> xattrs(TarArchiveEntry entry) {
    List<Node.Xattr> out = new ArrayList<>();
    for (Map.Entry<String, String> header : entry.getExtraPaxHeaders().entrySet()) {
      if (header.getKey().startsWith("SCHILY.xattr.user.")) {
        String name = header.getKey().substring("SCHILY.xattr.".length());
        // PAX header values are decoded as UTF-8; xattr values written by GNU tar are raw bytes
        out.add(new Node.Xattr(name, header.getValue().getBytes(StandardCharsets.UTF_8)));
      }
    }
    out.sort(java.util.Comparator.comparing(Node.Xattr::name));
    return out.isEmpty() ? null : out;
  }

  private String time(FileTime time) {
    return GoTime.format(time.toInstant(), zone);
  }

  private static String normal(String name) {
    String path = name;
    while (path.startsWith("./")) {
      path = path.substring(2);
    }
    while (path.startsWith("/")) {
      path = path.substring(1);
    }
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return path.equals(".") ? "" : path;
  }

  /** Linux's {@code makedev}: the {@code dev_t} of a major and minor number. */
  static long makedev(long major, long minor) {
    return ((major & 0xfffff000L) << 32)
        | ((major & 0xfffL) << 8)
        | ((minor & 0xffffff00L) << 12)
        | (minor & 0xffL);
  }
}
