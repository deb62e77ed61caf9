package dev.hostkeep.backup.archive;

import dev.hostkeep.backup.chunker.ChunkArrays;
import dev.hostkeep.backup.repo.BlobType;
import dev.hostkeep.backup.repo.FileNames;
import dev.hostkeep.backup.repo.GoTime;
import dev.hostkeep.backup.repo.Id;
import dev.hostkeep.backup.repo.Node;
import dev.hostkeep.backup.repo.Repository;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Phaser;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Restores a snapshot, or one folder or file of it, into a target folder: files are written by a
 * few workers with every blob verified against its id; modes, times and (as root) owners are set,
 * symlinks and hard links recreated, and folders get their times last, after their contents.
 */
public final class Restorer {
  private final Repository repository;
  private final SnapshotWalker walker;
  private final int workers;
  private final ChunkArrays arrays = new ChunkArrays();
  private final boolean owners;
  private final long ownUid;
  private final long ownGid;
  private final AtomicLong files = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();

  public Restorer(Repository repository, int workers) {
    this.repository = repository;
    this.walker = new SnapshotWalker(repository);
    this.workers = workers;
    this.owners = "root".equals(System.getProperty("user.name"));
    com.sun.security.auth.module.UnixSystem self = new com.sun.security.auth.module.UnixSystem();
    this.ownUid = self.getUid();
    this.ownGid = self.getGid();
  }

  public long files() {
    return files.get();
  }

  public long bytes() {
    return bytes.get();
  }

  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /**
   * Restores the node at {@code path} of the snapshot with root tree {@code root} into {@code
   * target}.
   */
  public void restore(Id root, String path, Path target) throws IOException {
    Node start = walker.find(root, path);
    Files.createDirectories(target);
    ExecutorService pool =
        Executors.newFixedThreadPool(
            workers, Thread.ofPlatform().daemon().name("hostkeep-restore-", 0).factory());
    Run run = new Run(pool);
    try {
      if (start.isDir()) {
        run.children(Id.parse(start.subtree()), target);
      } else {
        run.node(start, FileNames.resolve(target, start.name()));
      }
      run.await();
    } finally {
      pool.shutdownNow();
    }
    run.hardLinks.forEach(Runnable::run);
    for (int i = run.dirTimes.size() - 1; i >= 0; i--) {
      run.dirTimes.get(i).run();
    }
  }

  /**
   * One restore's work in progress: file writes on the pool, and what must wait for them (hard
   * links to files being written, folder times that writing inside a folder would change). The walk
   * runs at most a few hundred files ahead of the writers: queued writes hold their nodes, and a
   * walk through a million files would otherwise hold them all at once.
   */
  private final class Run {
    final ExecutorService pool;
    final Semaphore queued = new Semaphore(256);
    final Phaser pending = new Phaser(1);
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    final List<Runnable> dirTimes = new ArrayList<>();
    final List<Runnable> hardLinks = new ArrayList<>();
    final Map<String, Path> firstOfInode = new java.util.HashMap<>();

    Run(ExecutorService pool) {
      this.pool = pool;
    }

    /** Writes the file on the pool, once fewer than 256 wait; stops at the first failure. */
    void write(Node node, Path path) throws IOException {
      rethrow();
      queued.acquireUninterruptibly();
      pending.register();
      try {
        pool.execute(
            () -> {
              try {
                if (failure.get() == null) {
                  writeFile(node, path);
                }
              } catch (RuntimeException | Error e) {
                failure.compareAndSet(null, e);
              } finally {
                queued.release();
                pending.arriveAndDeregister();
              }
            });
      } catch (RuntimeException e) {
        queued.release();
        pending.arriveAndDeregister();
        throw e;
      }
    }

    /** Waits for every write; throws the first failure. */
    void await() throws IOException {
      pending.arriveAndAwaitAdvance();
      rethrow();
    }

    /** Throws the first failure of a writer (a RuntimeException or an Error), if any. */
    private void rethrow() throws IOException {
      Throwable e = failure.get();
      if (e instanceof java.io.UncheckedIOException io) {
        throw io.getCause();
      }
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e != null) {
        throw (Error) e;
      }
    }

    void children(Id tree, Path dir) throws IOException {
      for (Node node : walker.tree(tree).nodes()) {
        if (node.name().contains("/") || node.name().equals("..") || node.name().equals(".")) {
          warnings.add("skipped an entry with the unsafe name '" + node.name() + "'");
          continue;
        }
        node(node, FileNames.resolve(dir, node.name()));
      }
    }

    void node(Node node, Path path) throws IOException {
      switch (node.type()) {
        case "dir" -> {
          Files.createDirectories(path);
          if (node.subtree() != null) {
            children(Id.parse(node.subtree()), path);
          }
          dirTimes.add(() -> attributes(node, path));
        }
        case "file" -> {
          if (node.links() > 1) {
            Path first = firstOfInode.putIfAbsent(node.deviceId() + ":" + node.inode(), path);
            if (first != null) {
              hardLinks.add(() -> link(path, first));
              return;
            }
          }
          write(node, path);
        }
        case "symlink" -> {
          Files.deleteIfExists(path);
          Files.createSymbolicLink(path, Path.of(node.linkTarget()));
          attributes(node, path);
        }
        case "fifo" -> special(node, path, List.of("mkfifo", path.toString()));
        case "dev", "chardev" -> {
          if (!owners) {
            warnings.add("not restored: " + path + " is a device, which only root can create");
            return;
          }
          long rdev = node.device();
          long major = ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
          long minor = (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
          special(
              node,
              path,
              List.of(
                  "mknod",
                  path.toString(),
                  node.type().equals("dev") ? "b" : "c",
                  Long.toString(major),
                  Long.toString(minor)));
        }
        default -> warnings.add("not restored: " + path + " is a " + node.type());
      }
    }
  }

  /** Creates a FIFO or a device node with the system's own tool; the JDK has no mknod. */
  private void special(Node node, Path path, List<String> command) throws IOException {
    Files.deleteIfExists(path);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes()).strip();
    try {
      if (process.waitFor() != 0) {
        warnings.add("not restored: " + path + " (" + command.getFirst() + ": " + output + ")");
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while creating " + path);
    }
    // Opening a FIFO or a device to set its times would block or touch the device: the JDK's
    // setTimes opens the file, so its owner and mode are set by path and its times by touch.
    attributes(node, path, false);
    if (node.mtime() != null) {
      touch(path, "-m", node.mtime());
      touch(path, "-a", node.atime() == null ? node.mtime() : node.atime());
    }
  }

  private void touch(Path path, String which, String time) throws IOException {
    java.time.Instant instant = GoTime.parse(time);
    String when = "@" + instant.getEpochSecond() + "." + String.format("%09d", instant.getNano());
    Process process =
        new ProcessBuilder("touch", "-h", which, "-d", when, path.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes()).strip();
    try {
      if (process.waitFor() != 0) {
        warnings.add("cannot set the times of " + path + ": " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while setting the times of " + path);
    }
  }

  private void link(Path path, Path first) {
    try {
      Files.deleteIfExists(path);
      Files.createLink(path, first);
    } catch (IOException e) {
      warnings.add("cannot hard-link " + path + " to " + first + ": " + e.getMessage());
    }
  }

  private void writeFile(Node node, Path path) {
    try {
      try (OutputStream out = createReplacing(path)) {
        for (Id id : node.contentIds()) {
          bytes.addAndGet(repository.writeBlob(BlobType.DATA, id, arrays, out));
        }
      }
      files.incrementAndGet();
      attributes(node, path);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * {@code path} opened as a new file, whatever was there deleted first; in one call when nothing
   * was (a fresh target), as asking first would cost a stat per file.
   */
  private static OutputStream createReplacing(Path path) throws IOException {
    try {
      return Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      Files.delete(path);
      return Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }
  }

  private void attributes(Node node, Path path) {
    attributes(node, path, true);
  }

  private void attributes(Node node, Path path, boolean times) {
    try {
      // A file this process created already has its user and group: skip two syscalls per file.
      if (owners && (node.uid() != ownUid || node.gid() != ownGid)) {
        Files.setAttribute(path, "unix:uid", (int) node.uid(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", (int) node.gid(), LinkOption.NOFOLLOW_LINKS);
      }
      if (node.xattrs() != null && !node.isSymlink()) {
        xattrs(node, path);
      }
      if (!node.isSymlink()) {
        Files.setPosixFilePermissions(path, permissions(node.permissions()));
      }
      if (times && node.mtime() != null) {
        FileTime mtime = FileTime.from(GoTime.parse(node.mtime()));
        FileTime atime = node.atime() == null ? mtime : FileTime.from(GoTime.parse(node.atime()));
        Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
            .setTimes(mtime, atime, null);
      }
    } catch (IOException | UnsupportedOperationException e) {
      warnings.add("cannot set the attributes of " + path + ": " + e.getMessage());
    }
  }

  /** Writes the node's {@code user.*} attributes; other namespaces are out of the JDK's reach. */
  private void xattrs(Node node, Path path) throws IOException {
    UserDefinedFileAttributeView view =
        Files.getFileAttributeView(
            path, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    for (Node.Xattr xattr : node.xattrs()) {
      if (view != null && xattr.name().startsWith("user.") && xattr.value() != null) {
        view.write(xattr.name().substring(5), ByteBuffer.wrap(xattr.value()));
      } else {
        warnings.add("cannot restore extended attribute " + xattr.name() + " of " + path);
      }
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = {
      PosixFilePermission.OTHERS_EXECUTE,
      PosixFilePermission.OTHERS_WRITE,
      PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE,
      PosixFilePermission.OWNER_WRITE,
      PosixFilePermission.OWNER_READ
    };
    for (int bit = 0; bit < 9; bit++) {
      if ((mode & (1 << bit)) != 0) {
        set.add(order[bit]);
      }
    }
    return set;
  }
}
