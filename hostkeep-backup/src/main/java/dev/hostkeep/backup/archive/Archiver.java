package dev.hostkeep.backup.archive;

import dev.hostkeep.backup.chunker.ChunkArrays;
import dev.hostkeep.backup.chunker.ChunkArrays.Chunk;
import dev.hostkeep.backup.chunker.Chunker;
import dev.hostkeep.backup.repo.BlobType;
import dev.hostkeep.backup.repo.FileNames;
import dev.hostkeep.backup.repo.GoTime;
import dev.hostkeep.backup.repo.Id;
import dev.hostkeep.backup.repo.Node;
import dev.hostkeep.backup.repo.Repository;
import dev.hostkeep.backup.repo.Snapshot;
import dev.hostkeep.backup.repo.Tree;
import dev.hostkeep.core.HostkeepException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Backs up file trees and streams into a repository. The walk runs on the calling thread and only
 * reads metadata; each file's content is read, chunked, hashed, compressed and sealed on a pool of
 * workers, and packs are uploaded behind them, so all cores stay busy while memory stays bounded (a
 * fixed number of files in flight, a fixed number of packs waiting for upload). A file whose size,
 * mtime and inode match the parent snapshot's node is not read at all.
 */
public final class Archiver {
  private static final int FILES_IN_FLIGHT = 256;

  private final Repository repository;
  private final Clock clock;
  private final ZoneId zone;
  private final NodeReader nodes;
  private final int workers;
  private Sealers sealers; // of the run in progress; one run at a time
  private final ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(Chunker::newBuffer);
  private final ChunkArrays arrays = new ChunkArrays();

  public Archiver(Repository repository, Clock clock, int workers) {
    this.repository = repository;
    this.clock = clock;
    this.zone = clock.getZone();
    this.nodes = new NodeReader(zone);
    this.workers = workers;
  }

  /** Who made a snapshot, and how it is labelled. */
  public record Meta(String hostname, String username, int uid, int gid, List<String> tags) {}

  /** What a backup made. */
  public record Result(Id snapshot, Snapshot content, BackupStats stats) {}

  /** Backs up {@code paths} (absolute) into one snapshot; {@code parent} may be null. */
  public Result backup(
      List<Path> paths, Excludes excludes, Snapshot.Stored parent, Meta meta, BackupStats stats) {
    Instant start = clock.instant();
    for (Path path : paths) {
      if (!path.isAbsolute() || !path.equals(path.normalize())) {
        throw new IllegalArgumentException("paths to back up must be absolute and normal: " + path);
      }
      if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        throw new ArchiveException(path + " does not exist; nothing was backed up");
      }
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            workers, Thread.ofPlatform().daemon().name("hostkeep-read-", 0).factory());
    sealers = new Sealers(repository, arrays, workers);
    try {
      Walk walk = new Walk(pool, excludes.matcher(), excludes.oneFileSystem(), stats);
      Tree parentRoot = parent == null ? null : loadTree(parent.snapshot().treeId());
      Id root = walk.root(paths, parentRoot).join();
      return finish(start, root, paths, parent, meta, stats, excludes.patterns());
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    } finally {
      pool.shutdownNow();
      sealers.close();
    }
  }

  /** Backs up a stream (a dump, a command's output) as the one file {@code name} of a snapshot. */
  public Result backupStream(
      InputStream in, String name, Snapshot.Stored parent, Meta meta, BackupStats stats)
      throws IOException {
    return backupStreams(List.of(new NamedStream(name, () -> in)), parent, meta, stats);
  }

  /**
   * One file of a stream snapshot: its name in the snapshot's root folder, and how to open it. A
   * stream that fails (its {@code open} or a read throws, e.g. because the dump behind it exited
   * with an error) fails the whole backup before any snapshot is saved.
   */
  public record NamedStream(String name, Opener open) {
    public NamedStream {
      if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
        throw new IllegalArgumentException("a stream's name must be a plain file name: " + name);
      }
    }
  }

  /** Opens a stream when its turn comes; the archiver closes it. */
  @FunctionalInterface
  public interface Opener {
    InputStream open() throws IOException;
  }

  /**
   * Backs up {@code streams}, read one after the other, as the files of one snapshot's root folder
   * (each recorded as {@code /name} in the snapshot's paths). Nothing is saved as a snapshot unless
   * every stream was read to its end without an error.
   */
  public Result backupStreams(
      List<NamedStream> streams, Snapshot.Stored parent, Meta meta, BackupStats stats)
      throws IOException {
    if (streams.isEmpty()) {
      throw new IllegalArgumentException("a stream backup needs at least one stream");
    }
    if (streams.stream().map(NamedStream::name).distinct().count() != streams.size()) {
      throw new IllegalArgumentException("two streams of one snapshot share a name");
    }
    Instant start = clock.instant();
    sealers = new Sealers(repository, arrays, workers);
    try {
      List<Node> nodes = new ArrayList<>();
      for (NamedStream stream : streams) {
        try (InputStream in = stream.open().open()) {
          nodes.add(streamNode(in, stream.name(), meta, stats));
        }
      }
      Id root = saveTree(nodes, stats);
      List<Path> paths = streams.stream().map(s -> Path.of("/" + s.name())).sorted().toList();
      return finish(start, root, paths, parent, meta, stats, List.of());
    } finally {
      sealers.close();
    }
  }

  /**
   * Backs up the folder {@code path} from a tar stream of it, as made by {@code tar -C / -cf -
   * PATH} on another host: the snapshot looks as if {@code path} had been walked here. Every file's
   * content is read (a tar stream cannot skip), but only new chunks are stored.
   */
  public Result backupTar(
      InputStream tar,
      String path,
      Excludes excludes,
      Snapshot.Stored parent,
      Meta meta,
      BackupStats stats)
      throws IOException {
    Instant start = clock.instant();
    sealers = new Sealers(repository, arrays, workers);
    try {
      TarTree tree = new TarTree(zone, excludes.matcher(), stats);
      byte[] buffer = buffers.get();
      tree.read(
          tar,
          in -> {
            List<String> content = new ArrayList<>();
            store(new Chunker(repository.config().polynomial(), in, buffer), content, stats);
            return content;
          });
      Id root = tree.save(children -> saveTree(children, stats));
      return finish(start, root, List.of(Path.of(path)), parent, meta, stats, excludes.patterns());
    } finally {
      sealers.close();
    }
  }

  private Node streamNode(InputStream in, String name, Meta meta, BackupStats stats)
      throws IOException {
    List<String> content = new ArrayList<>();
    long size =
        store(new Chunker(repository.config().polynomial(), in, buffers.get()), content, stats);
    stats.filesNew.incrementAndGet();
    stats.bytesProcessed.addAndGet(size);
    String now = GoTime.format(clock.instant(), zone);
    return new Node(
        name,
        "file",
        0644,
        now,
        now,
        now,
        meta.uid(),
        meta.gid(),
        null,
        null,
        0,
        0,
        size,
        0,
        null,
        null,
        0,
        content,
        null);
  }

  private Result finish(
      Instant start,
      Id root,
      List<Path> paths,
      Snapshot.Stored parent,
      Meta meta,
      BackupStats stats,
      List<String> excludes) {
    sealers.await();
    repository.flush();
    Instant end = clock.instant();
    Snapshot.Summary summary =
        new Snapshot.Summary(
            GoTime.format(start, zone),
            GoTime.format(end, zone),
            stats.filesNew.get(),
            stats.filesChanged.get(),
            stats.filesUnmodified.get(),
            stats.dirs.get(),
            0,
            0,
            stats.dataBlobs.get(),
            stats.treeBlobs.get(),
            stats.dataAdded.get(),
            repository.storedBytes(),
            stats.files(),
            stats.bytesProcessed.get());
    Snapshot snapshot =
        new Snapshot(
            GoTime.format(start, zone),
            parent == null ? null : parent.id().toString(),
            root.toString(),
            paths.stream().map(Path::toString).toList(),
            meta.hostname(),
            meta.username(),
            meta.uid(),
            meta.gid(),
            excludes.isEmpty() ? null : excludes,
            meta.tags().isEmpty() ? null : meta.tags(),
            null,
            "hostkeep",
            summary);
    Id id = repository.saveSnapshot(snapshot);
    return new Result(id, snapshot, stats);
  }

  private Tree loadTree(Id id) {
    return Tree.decode(repository.loadBlob(BlobType.TREE, id), id);
  }

  private Id saveTree(List<Node> children, BackupStats stats) {
    byte[] json = Tree.sorted(children).encode();
    Id id = Id.of(json);
    if (repository.saveBlob(BlobType.TREE, id, json)) {
      stats.treeBlobs.incrementAndGet();
    }
    return id;
  }

  /** Chunks {@code chunker}'s stream into data blobs; returns the bytes it held. */
  private long store(Chunker chunker, List<String> content, BackupStats stats) throws IOException {
    long size = 0;
    for (Chunk chunk = chunker.next(arrays); chunk != null; chunk = chunker.next(arrays)) {
      Id id = Id.of(chunk.data(), 0, chunk.length());
      content.add(id.toString());
      size += chunk.length();
      stats.bytesRead.addAndGet(chunk.length());
      sealers.save(id, chunk, stats);
    }
    return size;
  }

  /**
   * Compresses, seals and packs chunks on threads of their own, behind the threads that read and
   * chunk, so a single big file or stream keeps every core busy too. Chunks in arrays of at most 16
   * MiB wait (a reader waits for room), which bounds the memory they hold; each chunk's array goes
   * back to the pool once it is stored; {@link #await} returns once all are stored.
   */
  private static final class Sealers implements AutoCloseable {
    /** The arrays of chunks handed over and not stored yet, at most (in KiB). */
    private static final int WAITING_KIB = 16 * 1024;

    private final Repository repository;
    private final ChunkArrays arrays;
    private final ExecutorService threads;
    private final Semaphore waiting = new Semaphore(WAITING_KIB);
    private final java.util.concurrent.Phaser pending = new java.util.concurrent.Phaser(1);
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicReference<RuntimeException> failure =
        new java.util.concurrent.atomic.AtomicReference<>();

    Sealers(Repository repository, ChunkArrays arrays, int threads) {
      this.repository = repository;
      this.arrays = arrays;
      this.threads =
          Executors.newFixedThreadPool(
              threads, Thread.ofPlatform().daemon().name("hostkeep-seal-", 0).factory());
    }

    /** Stores {@code chunk} (unless the repository has it) and gives its array back after. */
    void save(Id id, Chunk chunk, BackupStats stats) {
      rethrow();
      if (repository.index().has(BlobType.DATA, id)) {
        arrays.give(chunk.data());
        return; // stored before: nothing to seal
      }
      int kib = Math.min(WAITING_KIB, (chunk.data().length + 1023) / 1024);
      waiting.acquireUninterruptibly(kib);
      pending.register();
      try {
        threads.execute(
            () -> {
              try {
                if (failure.get() == null
                    && !closed
                    && repository.saveBlob(BlobType.DATA, id, chunk.data(), chunk.length())) {
                  stats.dataBlobs.incrementAndGet();
                  stats.dataAdded.addAndGet(chunk.length());
                }
              } catch (RuntimeException | Error e) {
                // an Error too: a chunk that was not stored must fail the backup
                failure.compareAndSet(
                    null,
                    e instanceof RuntimeException runtime
                        ? runtime
                        : HostkeepException.of((Error) e));
              } finally {
                arrays.give(chunk.data());
                waiting.release(kib);
                pending.arriveAndDeregister();
              }
            });
      } catch (RuntimeException e) {
        waiting.release(kib);
        pending.arriveAndDeregister();
        throw e;
      }
    }

    /** Waits until every chunk handed over is stored; rethrows the first failure. */
    void await() {
      pending.arriveAndAwaitAdvance();
      rethrow();
    }

    private void rethrow() {
      RuntimeException e = failure.get();
      if (e != null) {
        throw e;
      }
    }

    /**
     * Stops the sealers: chunks still waiting are dropped, and a chunk being stored is finished
     * first. Without interrupting it: an interrupted write closes the file channel of the pack it
     * goes into, which the repository's next part would go on writing to; and without waiting, a
     * sealer could open a pack after the repository is closed, leaving its temporary file behind.
     */
    @Override
    public void close() {
      closed = true;
      threads.shutdown();
      try {
        if (!threads.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES)) {
          threads.shutdownNow();
        }
      } catch (InterruptedException e) {
        threads.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
  }

  /** One backup's walk: the metadata on the caller's thread, file contents on the pool. */
  private final class Walk {
    private final ExecutorService pool;
    private final Excludes.Matcher excludes;
    private final boolean oneFileSystem;
    private final BackupStats stats;
    private final Semaphore inFlight = new Semaphore(FILES_IN_FLIGHT);

    Walk(
        ExecutorService pool, Excludes.Matcher excludes, boolean oneFileSystem, BackupStats stats) {
      this.pool = pool;
      this.excludes = excludes;
      this.oneFileSystem = oneFileSystem;
      this.stats = stats;
    }

    /** The root tree: each path nested under its parent folders, as restic stores it. */
    CompletableFuture<Id> root(List<Path> paths, Tree parentRoot) {
      Branch top = new Branch(Path.of("/"));
      for (Path path : paths) {
        Branch at = top;
        Path full = path.getRoot();
        for (Path part : path) {
          Path here = full.resolve(part);
          at = at.children.computeIfAbsent(part.toString(), n -> new Branch(here));
          full = here;
        }
        at.target = true;
      }
      return branchChildren(top, parentRoot).thenApply(children -> saveTree(children, stats));
    }

    private CompletableFuture<List<Node>> branchChildren(Branch branch, Tree parent) {
      List<CompletableFuture<Node>> children = new ArrayList<>();
      for (Map.Entry<String, Branch> child : branch.children.entrySet()) {
        Node before = parent == null ? null : parent.find(child.getKey());
        Branch b = child.getValue();
        if (b.target) {
          children.add(entry(b.path, child.getKey(), before, -1));
        } else {
          children.add(intermediate(b, child.getKey(), before));
        }
      }
      return all(children);
    }

    private CompletableFuture<Node> intermediate(Branch branch, String name, Node before) {
      Node node;
      try {
        node = nodes.read(branch.path, name, before);
      } catch (IOException e) {
        return CompletableFuture.failedFuture(
            new ArchiveException("cannot read " + branch.path + ": " + e.getMessage(), e));
      }
      Tree parent =
          before != null && before.subtree() != null ? loadTree(Id.parse(before.subtree())) : null;
      return branchChildren(branch, parent)
          .thenApply(children -> node.withSubtree(saveTree(children, stats)));
    }

    /** A node for {@code path}, its content or subtree stored; null when it is left out. */
    private CompletableFuture<Node> entry(Path path, String name, Node before, long rootDevice) {
      Node node;
      try {
        node = nodes.read(path, name, before);
      } catch (IOException e) {
        stats.warn("cannot read " + path + ": " + reason(e));
        return CompletableFuture.completedFuture(null);
      }
      if (node.isDir()) {
        return dir(path, node, before, rootDevice < 0 ? node.deviceId() : rootDevice);
      }
      if (node.isFile()) {
        return file(path, node, before);
      }
      return CompletableFuture.completedFuture(node);
    }

    private CompletableFuture<Node> dir(Path path, Node node, Node before, long rootDevice) {
      stats.dirs.incrementAndGet();
      List<CompletableFuture<Node>> children = new ArrayList<>();
      boolean skipContents =
          (oneFileSystem && node.deviceId() != rootDevice) || excludes.cacheDir(path);
      Tree parent = null;
      if (!skipContents) {
        parent =
            before != null && before.isDir() && before.subtree() != null
                ? loadTree(Id.parse(before.subtree()))
                : null;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
          for (Path child : entries) {
            if (!excludes.excluded(child)) {
              String childName = FileNames.name(child);
              children.add(
                  entry(
                      child,
                      childName,
                      parent == null ? null : parent.find(childName),
                      rootDevice));
            }
          }
        } catch (IOException e) {
          stats.warn("cannot list " + path + ": " + reason(e));
        }
      }
      Tree unchanged = parent;
      return all(children)
          .thenApply(
              nodes ->
                  node.withSubtree(
                      unchanged != null && unchanged.holdsExactly(nodes)
                          ? Id.parse(before.subtree())
                          : saveTree(nodes, stats)));
    }

    private CompletableFuture<Node> file(Path path, Node node, Node before) {
      stats.bytesProcessed.addAndGet(node.size());
      if (unchanged(node, before)) {
        stats.filesUnmodified.incrementAndGet();
        return CompletableFuture.completedFuture(node.withContent(before.content(), node.size()));
      }
      inFlight.acquireUninterruptibly();
      return CompletableFuture.supplyAsync(
          () -> {
            try {
              return read(path, node, before != null);
            } finally {
              inFlight.release();
            }
          },
          pool);
    }

    private Node read(Path path, Node node, boolean existed) {
      List<String> content = new ArrayList<>();
      long size;
      try (InputStream in = Files.newInputStream(path)) {
        size =
            store(new Chunker(repository.config().polynomial(), in, buffers.get()), content, stats);
      } catch (IOException e) {
        stats.warn("cannot read " + path + ": " + reason(e));
        return null;
      }
      (existed ? stats.filesChanged : stats.filesNew).incrementAndGet();
      try {
        Node after = nodes.read(path, node.name());
        if (after.size() != node.size() || !after.mtime().equals(node.mtime())) {
          stats.warn(path + " changed while it was read; the snapshot has what was read");
        }
      } catch (IOException e) {
        stats.warn(path + " disappeared while it was read");
      }
      return node.withContent(content, size);
    }

    private boolean unchanged(Node node, Node before) {
      if (before == null || !before.isFile() || before.content() == null) {
        return false;
      }
      if (before.size() != node.size()
          || before.inode() != node.inode()
          || !node.mtime().equals(before.mtime())) {
        return false;
      }
      for (Id id : before.contentIds()) {
        if (!repository.index().has(BlobType.DATA, id)) {
          return false;
        }
      }
      return true;
    }

    private CompletableFuture<List<Node>> all(List<CompletableFuture<Node>> children) {
      return CompletableFuture.allOf(children.toArray(CompletableFuture[]::new))
          .thenApply(
              done -> {
                List<Node> nodes = new ArrayList<>(children.size());
                for (CompletableFuture<Node> child : children) {
                  Node node = child.join();
                  if (node != null) {
                    nodes.add(node);
                  }
                }
                return nodes;
              });
    }
  }

  private static String reason(IOException e) {
    String message = e.getMessage();
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return message == null ? e.getClass().getSimpleName() : message;
  }

  /** A folder on the way to, or at, one of the paths to back up. */
  private static final class Branch {
    Path path;
    boolean target;
    final Map<String, Branch> children = new TreeMap<>();

    Branch(Path path) {
      this.path = path;
    }
  }
}
