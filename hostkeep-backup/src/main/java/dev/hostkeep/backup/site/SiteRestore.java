package dev.hostkeep.backup.site;

import dev.hostkeep.backup.archive.Restorer;
import dev.hostkeep.backup.archive.SnapshotWalker;
import dev.hostkeep.backup.repo.Node;
import dev.hostkeep.backup.repo.Repository;
import dev.hostkeep.backup.repo.Snapshot;
import dev.hostkeep.backup.repo.Tree;
import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.host.Host;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Restores a part: its snapshot's files into a folder, or a database dump streamed from the
 * repository straight into {@code mysql}/{@code psql}/{@code pg_restore} on a host, every blob
 * checked against its hash on the way.
 */
public final class SiteRestore {
  private final Repository repository;
  private final int workers;

  public SiteRestore(Repository repository, int workers) {
    this.repository = repository;
    this.workers = workers;
  }

  /**
   * The snapshot to restore: the one named {@code ref} (an id or its prefix, which must be of this
   * part), else the newest taken at or before {@code at}, else the newest.
   */
  public Snapshot.Stored snapshot(
      Site site, Part part, Optional<String> ref, Optional<Instant> at) {
    if (ref.isPresent()) {
      Snapshot.Stored stored = repository.findSnapshot(ref.get());
      if (PartBackup.of(List.of(stored), site, part).isEmpty()) {
        throw HostkeepException.usage(
            "snapshot "
                + stored.id().shortForm()
                + " is not one of "
                + site.name()
                + "/"
                + part.name());
      }
      return stored;
    }
    return PartBackup.newest(repository, site, part, at)
        .orElseThrow(
            () ->
                HostkeepException.usage(
                    "no snapshot of "
                        + site.name()
                        + "/"
                        + part.name()
                        + (at.isPresent() ? " taken at or before " + at.get() : "")
                        + " in repository '"
                        + site.repository()
                        + "'"));
  }

  /** Restores the whole snapshot under {@code target}; returns the restorer for its counts. */
  public Restorer toFolder(Snapshot.Stored snapshot, Path target) throws IOException {
    Restorer restorer = new Restorer(repository, workers);
    restorer.restore(snapshot.snapshot().treeId(), "/", target);
    return restorer;
  }

  /**
   * Restores {@code snapshot} under {@code scratch} and checks it: every blob's hash (as every
   * restore does) and every file's size against the snapshot. Returns the problems found.
   */
  public List<String> verifyFiles(Snapshot.Stored snapshot, Path scratch) throws IOException {
    Restorer restorer = toFolder(snapshot, scratch);
    List<String> problems = new ArrayList<>(restorer.warnings());
    SnapshotWalker walker = new SnapshotWalker(repository);
    walker.visit(
        snapshot.snapshot().treeId(),
        "",
        (path, node) -> {
          if (node.isFile()) {
            Path file = scratch.resolve(path.startsWith("/") ? path.substring(1) : path);
            long size = Files.size(file);
            if (size != node.size()) {
              problems.add(
                  path + ": restored " + size + " bytes, the snapshot says " + node.size());
            }
          }
        });
    return problems;
  }

  /**
   * Loads each dump of a database part's snapshot into a scratch database on {@code host} (named
   * {@code hostkeep_verify_...}), then drops it. The server's own databases ({@code mysql}, {@code
   * sys}) and PostgreSQL's globals are not loaded. Returns the problems found.
   */
  public List<String> verifyDatabase(DatabasePart part, Snapshot.Stored snapshot, Host host) {
    SnapshotWalker walker = new SnapshotWalker(repository);
    return verifyDumps(
        part,
        dumps(snapshot).stream()
            .map(n -> new Dump(n.name(), n.size(), in -> walker.dump(n, in)))
            .toList(),
        host);
  }

  /** One dump to load: its file name ({@code shop.sql}, {@code blog.dump}) and its bytes. */
  record Dump(String name, long size, CommandOutput.Input content) {}

  /**
   * Loads each dump into a scratch database and drops it; returns the problems found. The dumps of
   * the server's own settings (PostgreSQL's roles, MySQL's {@code mysql} and {@code sys} schemas)
   * would change the server if loaded, so they are read to their end instead, every blob or object
   * checked on the way.
   */
  static List<String> verifyDumps(DatabasePart part, List<Dump> dumps, Host host) {
    DatabaseTools tools = new DatabaseTools(part);
    List<String> problems = new ArrayList<>();
    for (Dump dump : dumps) {
      String base = dump.name().replaceFirst("\\.(sql|dump)$", "");
      boolean serverOwn =
          part.engine() == DatabasePart.Engine.MYSQL && List.of("mysql", "sys").contains(base);
      if (dump.name().equals(PartBackup.GLOBALS) || serverOwn) {
        try {
          dump.content().writeTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException | RuntimeException e) {
          problems.add(dump.name() + ": " + e.getMessage());
        }
        continue;
      }
      String scratch =
          "hostkeep_verify_"
              + Long.toHexString(System.nanoTime())
              + "_"
              + base.replaceAll("[^A-Za-z0-9_]", "_");
      scratch = scratch.length() > 60 ? scratch.substring(0, 60) : scratch;
      try {
        load(part, dump, scratch, host);
      } catch (IOException | RuntimeException e) {
        problems.add(dump.name() + ": " + e.getMessage());
      } finally {
        try {
          CommandOutput.run(
              host, tools.dropDatabase(scratch), tools.stdinPrefix(), "dropping " + scratch);
        } catch (IOException | RuntimeException e) {
          problems.add("could not drop the scratch database " + scratch + ": " + e.getMessage());
        }
      }
    }
    return problems;
  }

  /** The dump files of a database part's snapshot, by name. */
  public List<Node> dumps(Snapshot.Stored snapshot) {
    Tree root = new SnapshotWalker(repository).tree(snapshot.snapshot().treeId());
    return root.nodes().stream().filter(Node::isFile).toList();
  }

  /**
   * Streams the dump of {@code database} (may be empty when the snapshot holds one dump) into the
   * database {@code target} on {@code host}, creating it when it does not exist.
   *
   * @return the bytes loaded
   */
  public long intoDatabase(
      DatabasePart part,
      Snapshot.Stored snapshot,
      Optional<String> database,
      String target,
      Host host)
      throws IOException {
    SnapshotWalker walker = new SnapshotWalker(repository);
    List<Dump> dumps =
        dumps(snapshot).stream()
            .map(n -> new Dump(n.name(), n.size(), in -> walker.dump(n, in)))
            .toList();
    Dump dump = choose(part, dumps, database, "snapshot " + snapshot.id().shortForm());
    load(part, dump, target, host);
    return dump.size();
  }

  /**
   * The dump of {@code database} among {@code dumps} (PostgreSQL's globals aside), or the only one
   * when no database is named.
   */
  static Dump choose(DatabasePart part, List<Dump> all, Optional<String> database, String what) {
    DatabaseTools tools = new DatabaseTools(part);
    List<Dump> dumps = all.stream().filter(d -> !d.name().equals(PartBackup.GLOBALS)).toList();
    if (database.isPresent()) {
      String file = tools.fileName(database.get());
      return dumps.stream()
          .filter(d -> d.name().equals(file))
          .findFirst()
          .orElseThrow(
              () ->
                  HostkeepException.usage(
                      what
                          + " has no dump of database '"
                          + database.get()
                          + "'; it has "
                          + names(dumps)));
    }
    if (dumps.size() == 1) {
      return dumps.get(0);
    }
    throw HostkeepException.usage(
        what + " holds several dumps (" + names(dumps) + "); say which with --database NAME");
  }

  /** Streams {@code dump} into database {@code target} on {@code host}, creating it if needed. */
  static void load(DatabasePart part, Dump dump, String target, Host host) throws IOException {
    DatabaseTools tools = new DatabaseTools(part);
    byte[] prefix = tools.stdinPrefix();
    if (part.engine() == DatabasePart.Engine.MYSQL) {
      CommandOutput.run(
          host,
          tools.ensureDatabase(target),
          prefix,
          "creating database '" + target + "' on " + host.name());
    } else {
      String exists =
          CommandOutput.run(
              host,
              tools.ensureDatabase(target),
              prefix,
              "looking for database '" + target + "' on " + host.name());
      if (!exists.strip().equals("1")) {
        CommandOutput.run(
            host,
            tools.createDatabase(target),
            prefix,
            "creating database '" + target + "' on " + host.name());
      }
    }
    boolean custom = dump.name().endsWith(".dump");
    CommandOutput.feed(
        host,
        tools.load(target, custom),
        concat(prefix, tools.loadOpening(custom)),
        dump.content(),
        tools.loadClosing(custom),
        "loading " + dump.name() + " into database '" + target + "' on " + host.name());
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }

  private static String names(List<Dump> dumps) {
    return String.join(", ", dumps.stream().map(Dump::name).toList());
  }
}
