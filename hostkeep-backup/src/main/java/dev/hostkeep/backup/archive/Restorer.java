package dev.hostkeep.backup.archive;

import dev.hostkeep.backup.repo.BlobType;
import dev.hostkeep.backup.repo.GoTime;
import dev.hostkeep.backup.repo.Id;
import dev.hostkeep.backup.repo.Node;
import dev.hostkeep.backup.repo.Repository;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Restores a snapshot, or one folder or file of it, into a target folder: files are written by a
 * few workers with every blob verified against its id; modes, times and (as root) owners are set,
 * symlinks and hard links recreated, and folders get their times last, after their contents.
 */
public final class Restorer {
  private final Repository repository;
  private final SnapshotWalker walker;
  private final int workers;
  private final boolean owners;
  private final AtomicLong files = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<Runnable> hardLinks = new ArrayList<>();

  public Restorer(Repository repository, int workers) {
    this.repository = repository;
    this.walker = new SnapshotWalker(repository);
    this.workers = workers;
    this.owners = "root".equals(System.getProperty("user.name"));
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
    List<CompletableFuture<Void>> writes = new ArrayList<>();
    List<Runnable> dirTimes = new ArrayList<>();
    Map<String, Path> links = new ConcurrentHashMap<>();
    try {
      if (start.isDir()) {
        restoreChildren(Id.parse(start.subtree()), target, pool, writes, dirTimes, links);
      } else {
        restoreNode(start, target.resolve(start.name()), pool, writes, dirTimes, links);
      }
      for (CompletableFuture<Void> write : writes) {
        write.join();
      }
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw e.getCause() instanceof RuntimeException r ? r : e;
    } finally {
      pool.shutdownNow();
    }
    hardLinks.forEach(Runnable::run);
    hardLinks.clear();
    for (int i = dirTimes.size() - 1; i >= 0; i--) {
      dirTimes.get(i).run();
    }
  }

  private void restoreChildren(
      Id tree,
      Path dir,
      ExecutorService pool,
      List<CompletableFuture<Void>> writes,
      List<Runnable> dirTimes,
      Map<String, Path> links)
      throws IOException {
    for (Node node : walker.tree(tree).nodes()) {
      if (node.name().contains("/") || node.name().equals("..") || node.name().equals(".")) {
        warnings.add("skipped an entry with the unsafe name '" + node.name() + "'");
        continue;
      }
      restoreNode(node, dir.resolve(node.name()), pool, writes, dirTimes, links);
    }
  }

  private void restoreNode(
      Node node,
      Path path,
      ExecutorService pool,
      List<CompletableFuture<Void>> writes,
      List<Runnable> dirTimes,
      Map<String, Path> links)
      throws IOException {
    switch (node.type()) {
      case "dir" -> {
        Files.createDirectories(path);
        if (node.subtree() != null) {
          restoreChildren(Id.parse(node.subtree()), path, pool, writes, dirTimes, links);
        }
        dirTimes.add(() -> attributes(node, path));
      }
      case "file" -> {
        if (node.links() > 1) {
          String key = node.deviceId() + ":" + node.inode();
          Path first = links.putIfAbsent(key, path);
          if (first != null) {
            hardLinks.add(() -> link(path, first));
            return;
          }
        }
        writes.add(CompletableFuture.runAsync(() -> writeFile(node, path), pool));
      }
      case "symlink" -> {
        Files.deleteIfExists(path);
        Files.createSymbolicLink(path, Path.of(node.linkTarget()));
        attributes(node, path);
      }
      default -> warnings.add("not restored: " + path + " is a " + node.type());
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
      Files.deleteIfExists(path);
      try (OutputStream out =
          Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        for (Id id : node.contentIds()) {
          byte[] blob = repository.loadBlob(BlobType.DATA, id);
          out.write(blob);
          bytes.addAndGet(blob.length);
        }
      }
      files.incrementAndGet();
      attributes(node, path);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void attributes(Node node, Path path) {
    try {
      if (owners) {
        Files.setAttribute(path, "unix:uid", (int) node.uid(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", (int) node.gid(), LinkOption.NOFOLLOW_LINKS);
      }
      if (!node.isSymlink()) {
        Files.setPosixFilePermissions(path, permissions(node.permissions()));
      }
      if (node.mtime() != null) {
        FileTime mtime = FileTime.from(GoTime.parse(node.mtime()));
        FileTime atime = node.atime() == null ? mtime : FileTime.from(GoTime.parse(node.atime()));
        Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
            .setTimes(mtime, atime, null);
      }
    } catch (IOException | UnsupportedOperationException e) {
      warnings.add("cannot set the attributes of " + path + ": " + e.getMessage());
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
