package dev.hostkeep.backup.site;

import dev.hostkeep.backup.archive.ArchiveException;
import dev.hostkeep.backup.archive.Archiver;
import dev.hostkeep.backup.archive.BackupStats;
import dev.hostkeep.backup.archive.Excludes;
import dev.hostkeep.backup.repo.Repository;
import dev.hostkeep.backup.repo.Snapshot;
import dev.hostkeep.core.host.Command;
import dev.hostkeep.core.host.Host;
import dev.hostkeep.core.host.Hosts;
import dev.hostkeep.core.host.SshTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Backs up one part of a site into its repository: runs the part's dumps or command on the site's
 * host and streams their output straight into the archiver (no temp file on either side), or
 * archives its folder. A dump that fails fails the part before a snapshot is saved.
 */
final class PartBackup {
  private final Repository repository;
  private final Host host;
  private final Clock clock;
  private final int workers;

  PartBackup(Repository repository, Host host, Clock clock, int workers) {
    this.repository = repository;
    this.host = host;
    this.clock = clock;
    this.workers = workers;
  }

  /** The tags that mark a part's snapshots. */
  private static List<String> tags(Site site, Part part) {
    return List.of("site=" + site.name(), "part=" + part.name());
  }

  /** The snapshots of {@code part} among {@code all}, in the order given. */
  static List<Snapshot.Stored> of(List<Snapshot.Stored> all, Site site, Part part) {
    List<String> tags = tags(site, part);
    return all.stream().filter(s -> s.snapshot().tagList().containsAll(tags)).toList();
  }

  /** The newest snapshot of {@code part} taken at or before {@code at} (or at any time). */
  static Optional<Snapshot.Stored> newest(
      Repository repository, Site site, Part part, Optional<Instant> at) {
    return of(repository.snapshots(), site, part).stream()
        .filter(s -> at.isEmpty() || !s.snapshot().instant().isAfter(at.get()))
        .max(Comparator.comparing(s -> s.snapshot().instant()));
  }

  Archiver.Result run(Site site, Part part, Optional<String> revision, BackupStats stats)
      throws IOException {
    List<String> tags = new ArrayList<>(tags(site, part));
    revision.ifPresent(r -> tags.add("revision=" + r));
    Archiver.Meta meta = new Archiver.Meta(hostLabel(site.host()), user(site.host()), 0, 0, tags);
    Snapshot.Stored parent = newest(repository, site, part, Optional.empty()).orElse(null);
    Archiver archiver = new Archiver(repository, clock, workers);
    return switch (part) {
      case DatabasePart database ->
          archiver.backupStreams(databaseStreams(host, database), parent, meta, stats);
      case CommandPart command ->
          archiver.backupStreams(List.of(commandStream(host, command)), parent, meta, stats);
      case FilesPart files -> files(archiver, files, parent, meta, stats);
    };
  }

  /** The output of a command part's command. */
  static Archiver.NamedStream commandStream(Host host, CommandPart command) {
    return new Archiver.NamedStream(
        command.filename(),
        () ->
            CommandOutput.start(
                host,
                Command.shell(command.command()),
                new byte[0],
                "command of part '" + command.name() + "' on " + host.name()));
  }

  /**
   * The dumps of a database part: its databases' (listed on the server for {@code all: true}),
   * after PostgreSQL's globals when asked for.
   */
  /** The file PostgreSQL's roles and tablespaces get in a part with {@code globals: true}. */
  static final String GLOBALS = "pg_globals.sql";

  static List<Archiver.NamedStream> databaseStreams(Host host, DatabasePart part)
      throws IOException {
    DatabaseTools tools = new DatabaseTools(part);
    byte[] prefix = tools.stdinPrefix();
    List<String> databases = part.databases();
    if (databases.isEmpty()) {
      String listed =
          CommandOutput.run(
              host, tools.listDatabases(), prefix, "listing the databases on " + host.name());
      databases =
          DatabaseTools.listedNames(listed).stream().filter(d -> !tools.internal(d)).toList();
      if (databases.isEmpty()) {
        throw new PartFailedException(
            "the " + part.kind() + " server on " + host.name() + " lists no databases to dump");
      }
    }
    List<Archiver.NamedStream> streams = new ArrayList<>();
    if (part.globals() && databases.stream().map(tools::fileName).anyMatch(GLOBALS::equals)) {
      throw new PartFailedException(
          "database 'pg_globals' would be stored under the name of the globals dump ("
              + GLOBALS
              + "); back it up in a part of its own without globals: true");
    }
    if (part.globals()) {
      streams.add(
          new Archiver.NamedStream(
              GLOBALS,
              () ->
                  CommandOutput.start(
                      host,
                      tools.globals(),
                      prefix,
                      "pg_dumpall --globals-only on " + host.name())));
    }
    for (String database : databases) {
      String tool = part.engine() == DatabasePart.Engine.MYSQL ? "the MySQL dump" : "pg_dump";
      streams.add(
          new Archiver.NamedStream(
              tools.fileName(database),
              () ->
                  CommandOutput.start(
                      host,
                      tools.dump(database),
                      prefix,
                      tool + " of database '" + database + "' on " + host.name())));
    }
    return streams;
  }

  private Archiver.Result files(
      Archiver archiver,
      FilesPart part,
      Snapshot.Stored parent,
      Archiver.Meta meta,
      BackupStats stats)
      throws IOException {
    if (!Hosts.isLocal(host.name())) {
      return new RemoteTree(host, part).backup(archiver, parent, meta, stats);
    }
    Path path = Path.of(part.path());
    if (part.followSymlinks() && Files.isSymbolicLink(path)) {
      path = path.toRealPath();
    }
    if (!Files.exists(path)) {
      throw new PartFailedException(part.path() + " does not exist on " + host.name());
    }
    try {
      Excludes excludes = new Excludes(part.excludes(), part.excludeCaches(), part.oneFileSystem());
      return archiver.backup(List.of(path), excludes, parent, meta, stats);
    } catch (ArchiveException e) {
      throw new PartFailedException(e.getMessage(), e);
    }
  }

  /** The host name a site's snapshots record: the SSH host, or this machine's name. */
  static String hostLabel(String spec) {
    if (!Hosts.isLocal(spec)) {
      return SshTarget.parse(spec).host();
    }
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "localhost";
    }
  }

  private static String user(String spec) {
    return Hosts.isLocal(spec) ? System.getProperty("user.name") : SshTarget.parse(spec).user();
  }
}
