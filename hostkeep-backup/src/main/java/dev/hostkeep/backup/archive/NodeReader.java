package dev.hostkeep.backup.archive;

import dev.hostkeep.backup.repo.GoTime;
import dev.hostkeep.backup.repo.Node;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** Turns a file's {@code lstat} into a restic node, the way restic fills the fields on Linux. */
final class NodeReader {
  private static final int S_IFMT = 0170000;
  private static final String FIELDS =
      "mode,ino,dev,rdev,nlink,uid,gid,size,ctime,lastModifiedTime,lastAccessTime";
  private final ZoneId zone;
  // Names by id: looking a name up costs a passwd/group read, once per id is enough.
  private final Map<Integer, String> users = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<Integer, String> groups = new java.util.concurrent.ConcurrentHashMap<>();

  NodeReader(ZoneId zone) {
    this.zone = zone;
  }

  /** What {@code lstat(path)} says, as a node named {@code name} (content and subtree unset). */
  Node read(Path path, String name) throws IOException {
    return read(path, name, null);
  }

  /**
   * As {@link #read(Path, String)}; when {@code before} (the same name in the parent snapshot) is
   * the same inode with the same change time, its extended attributes are taken as they are, since
   * setting or removing one changes the inode's change time. Listing them costs an open, a list and
   * a close per file, the most expensive part of a backup in which little changed.
   */
  Node read(Path path, String name, Node before) throws IOException {
    Map<String, Object> stat =
        Files.readAttributes(path, "unix:" + FIELDS, LinkOption.NOFOLLOW_LINKS);
    int mode = (Integer) stat.get("mode");
    String type = type(mode);
    long size = "file".equals(type) ? (Long) stat.get("size") : 0;
    String target = "symlink".equals(type) ? Files.readSymbolicLink(path).toString() : null;
    long rdev = "dev".equals(type) || "chardev".equals(type) ? (Long) stat.get("rdev") : 0;
    String ctime = time((FileTime) stat.get("ctime"));
    long inode = (Long) stat.get("ino");
    long device = (Long) stat.get("dev");
    List<Node.Xattr> xattrs = null;
    if ("file".equals(type) || "dir".equals(type)) {
      xattrs =
          before != null
                  && type.equals(before.type())
                  && before.inode() == inode
                  && before.deviceId() == device
                  && ctime.equals(before.ctime())
              ? ours(before.xattrs())
              : xattrs(path);
    }
    return new Node(
        name,
        type,
        goMode(mode),
        time((FileTime) stat.get("lastModifiedTime")),
        time((FileTime) stat.get("lastAccessTime")),
        ctime,
        (Integer) stat.get("uid"),
        (Integer) stat.get("gid"),
        users.computeIfAbsent((Integer) stat.get("uid"), uid -> owner(path)),
        groups.computeIfAbsent((Integer) stat.get("gid"), gid -> group(path)),
        inode,
        device,
        size,
        (Integer) stat.get("nlink"),
        target,
        xattrs,
        rdev,
        "dir".equals(type) ? null : "file".equals(type) ? List.of() : null,
        null);
  }

  /**
   * The file's {@code user.*} extended attributes, sorted by name, or {@code null} when it has none
   * or the filesystem keeps none. (The JDK reaches only the {@code user} namespace; restic would
   * also record {@code security.*} and {@code trusted.*}.)
   */
  static List<Node.Xattr> xattrs(Path path) {
    try {
      UserDefinedFileAttributeView view =
          Files.getFileAttributeView(
              path, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
      if (view == null) {
        return null;
      }
      List<String> names = new java.util.ArrayList<>(view.list());
      if (names.isEmpty()) {
        return null;
      }
      names.sort(null);
      List<Node.Xattr> xattrs = new java.util.ArrayList<>(names.size());
      for (String name : names) {
        ByteBuffer value = ByteBuffer.allocate(view.size(name));
        view.read(name, value);
        xattrs.add(new Node.Xattr(XATTR_NAMESPACE + name, value.array()));
      }
      return xattrs;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return null; // no xattrs to record is the honest answer when they cannot be read
    }
  }

  /**
   * The attributes of {@code recorded} that {@link #xattrs} would read ({@code user.*}: restic also
   * records other namespaces), or {@code null} for none.
   */
  private static List<Node.Xattr> ours(List<Node.Xattr> recorded) {
    if (recorded == null) {
      return null;
    }
    List<Node.Xattr> user =
        recorded.stream().filter(x -> x.name().startsWith(XATTR_NAMESPACE)).toList();
    return user.isEmpty() ? null : user;
  }

  /** The namespace the JDK's attribute view works in; restic names attributes with it. */
  static final String XATTR_NAMESPACE = "user.";

  private static String owner(Path path) {
    try {
      return ((UserPrincipal) Files.getAttribute(path, "posix:owner", LinkOption.NOFOLLOW_LINKS))
          .getName();
    } catch (IOException e) {
      return null;
    }
  }

  private static String group(Path path) {
    try {
      return ((GroupPrincipal) Files.getAttribute(path, "posix:group", LinkOption.NOFOLLOW_LINKS))
          .getName();
    } catch (IOException e) {
      return null;
    }
  }

  private String time(FileTime time) {
    return GoTime.format(time.toInstant(), zone);
  }

  static String type(int mode) {
    return switch (mode & S_IFMT) {
      case 0100000 -> "file";
      case 0040000 -> "dir";
      case 0120000 -> "symlink";
      case 0060000 -> "dev";
      case 0020000 -> "chardev";
      case 0010000 -> "fifo";
      case 0140000 -> "socket";
      default -> "irregular";
    };
  }

  /** Go's {@code os.FileMode} for a POSIX {@code st_mode}. */
  static long goMode(int mode) {
    long go = mode & 0777;
    go |=
        switch (mode & S_IFMT) {
          case 0040000 -> Node.MODE_DIR;
          case 0120000 -> Node.MODE_SYMLINK;
          case 0060000 -> Node.MODE_DEVICE;
          case 0020000 -> Node.MODE_DEVICE | Node.MODE_CHAR_DEVICE;
          case 0010000 -> Node.MODE_NAMED_PIPE;
          case 0140000 -> Node.MODE_SOCKET;
          default -> 0;
        };
    if ((mode & 04000) != 0) {
      go |= Node.MODE_SETUID;
    }
    if ((mode & 02000) != 0) {
      go |= Node.MODE_SETGID;
    }
    if ((mode & 01000) != 0) {
      go |= Node.MODE_STICKY;
    }
    return go;
  }
}
