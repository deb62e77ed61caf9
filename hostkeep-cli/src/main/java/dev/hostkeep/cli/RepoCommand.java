package dev.hostkeep.cli;

import dev.hostkeep.backup.archive.Archiver;
import dev.hostkeep.backup.archive.BackupStats;
import dev.hostkeep.backup.archive.Excludes;
import dev.hostkeep.backup.archive.Restorer;
import dev.hostkeep.backup.archive.SnapshotWalker;
import dev.hostkeep.backup.repo.Checker;
import dev.hostkeep.backup.repo.Id;
import dev.hostkeep.backup.repo.Keys;
import dev.hostkeep.backup.repo.Lock;
import dev.hostkeep.backup.repo.Node;
import dev.hostkeep.backup.repo.Repository;
import dev.hostkeep.backup.repo.Snapshot;
import dev.hostkeep.core.HostkeepException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "repo",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = {
      "Work with a backup repository directly, the way restic's commands do. Repositories are in",
      "restic's format (version 2, or 1): restic itself can check, list and restore them."
    },
    synopsisSubcommandLabel = "COMMAND",
    footerHeading = "%nExamples:%n",
    footer = {
      "  export HOSTKEEP_REPOSITORY=/srv/backup/repo HOSTKEEP_PASSWORD_FILE=/etc/hostkeep/repo.pass",
      "  hostkeep repo init",
      "  hostkeep repo backup /var/www --exclude '*.tmp'",
      "  mysqldump --all-databases | hostkeep repo backup --stdin --stdin-filename all.sql",
      "  hostkeep repo snapshots",
      "  hostkeep repo restore latest:/var/www/site --target /tmp/site",
      "  hostkeep repo forget --keep-daily 7 --keep-weekly 5 --keep-monthly 12 --prune",
      "  hostkeep repo snapshots -r s3:https://minio.example:9000/backups/www"
    })
final class RepoCommand implements Runnable {
  private static final DateTimeFormatter TABLE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static Keys.Origin origin() {
    return new Keys.Origin(System.getProperty("user.name"), hostname(), Instant.now());
  }

  static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  /**
   * A snapshot as restic's {@code --json} output shows one, with {@code id} and {@code short_id}.
   */
  static Map<String, Object> snapshotJson(Snapshot.Stored s) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("time", s.snapshot().time());
    entry.put("parent", s.snapshot().parent());
    entry.put("tree", s.snapshot().tree());
    entry.put("paths", s.snapshot().paths());
    entry.put("hostname", s.snapshot().hostname());
    entry.put("username", s.snapshot().username());
    entry.put("tags", s.snapshot().tags());
    entry.put("id", s.id().toString());
    entry.put("short_id", s.id().shortForm());
    return entry;
  }

  /** Snapshots as a table; with a Reasons column when {@code reasons} is not empty. */
  static void snapshotTable(
      PrintWriter out, List<Snapshot.Stored> snapshots, Map<Id, List<String>> reasons) {
    List<String[]> rows = new ArrayList<>();
    rows.add(
        reasons.isEmpty()
            ? new String[] {"ID", "Time", "Host", "Tags", "Paths"}
            : new String[] {"ID", "Time", "Host", "Tags", "Reasons", "Paths"});
    for (Snapshot.Stored s : snapshots) {
      String time = TABLE_TIME.format(s.snapshot().instant().atZone(ZoneId.systemDefault()));
      String tags = String.join(",", s.snapshot().tagList());
      String paths = String.join(",", s.snapshot().paths());
      rows.add(
          reasons.isEmpty()
              ? new String[] {s.id().shortForm(), time, s.snapshot().hostname(), tags, paths}
              : new String[] {
                s.id().shortForm(),
                time,
                s.snapshot().hostname(),
                tags,
                String.join(", ", reasons.getOrDefault(s.id(), List.of())),
                paths
              });
    }
    Table.print(out, rows);
  }

  static int workers() {
    return Math.max(2, Runtime.getRuntime().availableProcessors());
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = n;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format("%.3f %s", value, units[unit]);
  }

  @Command(
      name = "init",
      mixinStandardHelpOptions = true,
      description = "Create a new, empty repository with the password given.")
  static final class Init implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RepoAccess access = new RepoAccess();

    @Option(
        names = "--repository-version",
        paramLabel = "1|2",
        defaultValue = "2",
        description = "Format version: 2 (compressed, default) or 1 for restic before 0.14.")
    int version;

    @Override
    public Integer call() {
      Session session = HostkeepCommand.session(spec);
      try (Repository repository =
          Repository.init(
              access.backend(session),
              access.password(session),
              version,
              origin(),
              Repository.Options.defaults())) {
        session
            .out()
            .printf(
                "created repository %s at %s (version %d)%n",
                repository.config().id().substring(0, 10),
                repository.backend().location(),
                version);
        session.out().println("Keep the password safe: without it the data cannot be read.");
      }
      return 0;
    }
  }

  @Command(
      name = "backup",
      mixinStandardHelpOptions = true,
      description = {
        "Back up files and folders, or standard input, into a new snapshot. Unchanged files",
        "(same size, mtime and inode as in the last snapshot of the same paths from this host)",
        "are not read again. Unreadable files are reported and skipped; the exit code is then 3",
        "like restic's."
      })
  static final class Backup implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RepoAccess access = new RepoAccess();

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Files and folders to back up.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--stdin", description = "Back up standard input as one file.")
    boolean stdin;

    @Option(
        names = "--stdin-filename",
        paramLabel = "NAME",
        defaultValue = "stdin",
        description =
            "The file name standard input gets in the snapshot (default: ${DEFAULT-VALUE}).")
    String stdinFilename;

    @Option(
        names = {"-e", "--exclude"},
        paramLabel = "PATTERN",
        description = "Leave out matching files; a pattern with / matches the whole path.")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--exclude-file", paramLabel = "FILE", description = "Patterns, one per line.")
    List<Path> excludeFiles = new ArrayList<>();

    @Option(names = "--exclude-caches", description = "Leave out folders with a CACHEDIR.TAG.")
    boolean excludeCaches;

    @Option(
        names = {"-x", "--one-file-system"},
        description = "Do not cross into other mounted filesystems.")
    boolean oneFileSystem;

    @Option(names = "--tag", paramLabel = "TAG", description = "Label the snapshot (repeatable).")
    List<String> tags = new ArrayList<>();

    @Option(names = "--host", paramLabel = "NAME", description = "Record this host name.")
    String host;

    @Override
    public Integer call() throws IOException {
      Session session = HostkeepCommand.session(spec);
      if (stdin == !paths.isEmpty()) {
        throw HostkeepException.usage("give either PATH... or --stdin (one of them)");
      }
      List<String> patterns = new ArrayList<>(excludes);
      for (Path file : excludeFiles) {
        patterns.addAll(Excludes.readFile(file));
      }
      List<Path> absolute = paths.stream().map(p -> p.toAbsolutePath().normalize()).toList();
      String hostname = host != null ? host : hostname();
      Archiver.Meta meta =
          new Archiver.Meta(
              hostname, System.getProperty("user.name"), uid(), gid(), List.copyOf(tags));
      BackupStats stats = new BackupStats();
      Excludes excludes = new Excludes(patterns, excludeCaches, oneFileSystem);
      try (Repository repository = access.open(session);
          Lock lock = access.lock(repository, false);
          Progress progress =
              Progress.start(session, stats, stdin ? List.of() : absolute, excludes)) {
        List<String> wanted =
            stdin ? List.of("/" + stdinFilename) : absolute.stream().map(Path::toString).toList();
        int adopted = repository.adoptUnindexedPacks();
        if (adopted > 0) {
          session.err().printf("indexed %d pack(s) an interrupted backup left behind%n", adopted);
        }
        Snapshot.Stored parent = parent(repository, hostname, wanted);
        Archiver archiver = new Archiver(repository, Clock.systemDefaultZone(), workers());
        Archiver.Result result =
            stdin
                ? archiver.backupStream(System.in, stdinFilename, parent, meta, stats)
                : archiver.backup(absolute, excludes, parent, meta, stats);
        progress.close();
        report(session, result, parent);
        return stats.warnings().isEmpty() ? 0 : 3;
      }
    }

    private void report(Session session, Archiver.Result result, Snapshot.Stored parent) {
      BackupStats stats = result.stats();
      for (String warning : stats.warnings()) {
        session.err().println("warning: " + warning);
      }
      Snapshot.Summary summary = result.content().summary();
      if (session.json()) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("message_type", "summary");
        out.put("snapshot_id", result.snapshot().toString());
        out.put("parent", parent == null ? null : parent.id().toString());
        out.put("summary", summary);
        out.put("warnings", stats.warnings());
        Json.print(session.out(), out);
        return;
      }
      session
          .out()
          .printf(
              "Files: %d new, %d changed, %d unmodified%n",
              stats.filesNew(), stats.filesChanged(), stats.filesUnmodified());
      session
          .out()
          .printf(
              "Added to the repository: %s (%s stored)%n",
              bytes(stats.dataAdded()), bytes(summary.dataAddedPacked()));
      session
          .out()
          .printf(
              "processed %d files, %s; read %s%n",
              stats.files(), bytes(stats.bytesProcessed()), bytes(stats.bytesRead()));
      session.out().printf("snapshot %s saved%n", result.snapshot().shortForm());
    }

    private static Snapshot.Stored parent(Repository repository, String host, List<String> paths) {
      Snapshot.Stored parent = null;
      for (Snapshot.Stored s : repository.snapshots()) {
        if (host.equals(s.snapshot().hostname())
            && s.snapshot().paths() != null
            && s.snapshot().paths().stream()
                .sorted()
                .toList()
                .equals(paths.stream().sorted().toList())) {
          parent = s;
        }
      }
      return parent;
    }
  }

  static int uid() {
    return unix("uid");
  }

  static int gid() {
    return unix("gid");
  }

  private static int unix(String attribute) {
    try {
      return (Integer)
          Files.getAttribute(Path.of(System.getProperty("user.home")), "unix:" + attribute);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  @Command(
      name = "snapshots",
      mixinStandardHelpOptions = true,
      description = "List the snapshots, oldest first.")
  static final class Snapshots implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RepoAccess access = new RepoAccess();

    @Option(names = "--host", paramLabel = "NAME", description = "Only snapshots from this host.")
    String host;

    @Option(names = "--tag", paramLabel = "TAG", description = "Only snapshots with this tag.")
    String tag;

    @Override
    public Integer call() {
      Session session = HostkeepCommand.session(spec);
      List<Snapshot.Stored> shown = new ArrayList<>();
      try (Repository repository = access.openKeysOnly(session)) {
        for (Snapshot.Stored s : repository.snapshots()) {
          if ((host == null || host.equals(s.snapshot().hostname()))
              && (tag == null || s.snapshot().tagList().contains(tag))) {
            shown.add(s);
          }
        }
      }
      if (session.json()) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Snapshot.Stored s : shown) {
          out.add(snapshotJson(s));
        }
        Json.print(session.out(), out);
        return 0;
      }
      snapshotTable(session.out(), shown, Map.of());
      session.out().printf("%d snapshots%n", shown.size());
      return 0;
    }
  }

  @Command(
      name = "ls",
      mixinStandardHelpOptions = true,
      description = "List the files of a snapshot, or of one folder in it.")
  static final class Ls implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RepoAccess access = new RepoAccess();

    @Parameters(index = "0", paramLabel = "SNAPSHOT", description = "An id, a prefix, or latest.")
    String snapshot;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PATH", defaultValue = "/")
    String path;

    @Option(
        names = {"-l", "--long"},
        description = "Show mode, size and mtime too.")
    boolean longFormat;

    @Override
    public Integer call() throws IOException {
      Session session = HostkeepCommand.session(spec);
      try (Repository repository = access.open(session)) {
        Snapshot.Stored stored = repository.findSnapshot(snapshot);
        SnapshotWalker walker = new SnapshotWalker(repository);
        Node start = walker.find(stored.snapshot().treeId(), path);
        String prefix = path.equals("/") ? "" : path.replaceAll("/+$", "");
        if (!start.isDir()) {
          print(session, prefix, start);
          return 0;
        }
        walker.visit(
            dev.hostkeep.backup.repo.Id.parse(start.subtree()),
            prefix,
            (p, node) -> print(session, p, node));
      }
      return 0;
    }

    private void print(Session session, String path, Node node) {
      if (!longFormat) {
        session.out().println(path);
        return;
      }
      session
          .out()
          .printf(
              "%-10s %8s %8s %12d %s %s%n",
              node.type(),
              node.user() == null ? node.uid() : node.user(),
              node.group() == null ? node.gid() : node.group(),
              node.size(),
              node.mtime() == null ? "" : node.mtime(),
              path);
    }
  }

  @Command(
      name = "restore",
      mixinStandardHelpOptions = true,
      description = {
        "Restore a snapshot, or one folder or file of it (SNAPSHOT:PATH), into a target folder.",
        "Every blob is checked against its hash; modes, times, symlinks and hard links are restored."
      })
  static final class Restore implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RepoAccess access = new RepoAccess();

    @Parameters(index = "0", paramLabel = "SNAPSHOT[:PATH]")
    String what;

    @Option(
        names = {"-t", "--target"},
        required = true,
        paramLabel = "DIR",
        description = "Where to restore to. A whole snapshot lands under its absolute paths.")
    Path target;

    @Override
    public Integer call() throws IOException {
      Session session = HostkeepCommand.session(spec);
      int colon = what.indexOf(':');
      String ref = colon < 0 ? what : what.substring(0, colon);
      String path = colon < 0 ? "/" : what.substring(colon + 1);
      try (Repository repository = access.open(session);
          Lock lock = access.lock(repository, false)) {
        Snapshot.Stored stored = repository.findSnapshot(ref);
        Restorer restorer = new Restorer(repository, workers());
        restorer.restore(stored.snapshot().treeId(), path, target);
        for (String warning : restorer.warnings()) {
          session.err().println("warning: " + warning);
        }
        session
            .out()
            .printf(
                "restored %d files, %s from snapshot %s to %s%n",
                restorer.files(), bytes(restorer.bytes()), stored.id().shortForm(), target);
        return restorer.warnings().isEmpty() ? 0 : 1;
      }
    }
  }

  @Command(
      name = "dump",
      mixinStandardHelpOptions = true,
      description = "Write one file of a snapshot to standard output (or --target FILE).")
  static final class Dump implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RepoAccess access = new RepoAccess();

    @Parameters(index = "0", paramLabel = "SNAPSHOT")
    String snapshot;

    @Parameters(index = "1", paramLabel = "PATH", description = "The file's path in the snapshot.")
    String path;

    @Option(names = "--target", paramLabel = "FILE", description = "Write to FILE instead.")
    Path target;

    @Override
    public Integer call() throws IOException {
      Session session = HostkeepCommand.session(spec);
      try (Repository repository = access.open(session)) {
        Snapshot.Stored stored = repository.findSnapshot(snapshot);
        SnapshotWalker walker = new SnapshotWalker(repository);
        Node node = walker.find(stored.snapshot().treeId(), path);
        try (OutputStream out =
            target == null
                ? new FileOutputStream(FileDescriptor.out)
                : Files.newOutputStream(target)) {
          walker.dump(node, out);
        }
      }
      return 0;
    }
  }

  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = {
        "Check the repository: index against packs and their headers, every snapshot's trees and",
        "the blobs they name. --read-data also decrypts and verifies every blob. Damage is",
        "reported with the snapshots and files it affects; the exit code is then 1."
      })
  static final class Check implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RepoAccess access = new RepoAccess();

    @Option(names = "--read-data", description = "Read and verify all data, not only structure.")
    boolean readData;

    @Option(
        names = "--read-data-subset",
        paramLabel = "n/t|x%",
        description = "Read only part of the data: group n of t (by pack id), or a random x%%.")
    String subset;

    @Override
    public Integer call() {
      Session session = HostkeepCommand.session(spec);
      java.util.function.Predicate<dev.hostkeep.backup.repo.Id> packs;
      try {
        packs = Checker.subset(subset, new java.security.SecureRandom());
      } catch (IllegalArgumentException e) {
        throw HostkeepException.usage(e.getMessage());
      }
      try (Repository repository = access.open(session);
          Lock lock = access.lock(repository, false)) {
        Checker.Result result = new Checker(repository).check(readData || subset != null, packs);
        for (String hint : result.hints()) {
          session.out().println("hint: " + hint);
        }
        for (String error : result.errors()) {
          session.out().println("error: " + error);
        }
        if (readData || subset != null) {
          session.out().printf("read and verified %d pack(s)%n", result.packsRead());
        }
        session
            .out()
            .println(
                result.ok() ? "no errors were found" : result.errors().size() + " error(s) found");
        return result.ok() ? 0 : 1;
      }
    }
  }

  @Command(
      name = "key",
      mixinStandardHelpOptions = true,
      description = "Manage the passwords that open the repository (one key file each).",
      subcommands = {KeyList.class, KeyAdd.class, KeyRemove.class})
  static final class Key implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the keys.")
  static final class KeyList implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RepoAccess access = new RepoAccess();

    @Override
    public Integer call() {
      Session session = HostkeepCommand.session(spec);
      try (Repository repository = access.openKeysOnly(session)) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"", "ID", "User", "Host", "Created"});
        for (Keys.Listed key : repository.keys().list()) {
          rows.add(
              new String[] {
                key.id().equals(repository.keyId()) ? "*" : "",
                key.id().substring(0, 8),
                key.username(),
                key.hostname(),
                TABLE_TIME.format(key.created().atZone(ZoneId.systemDefault()))
              });
        }
        Table.print(session.out(), rows);
      }
      return 0;
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a password.")
  static final class KeyAdd implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RepoAccess access = new RepoAccess();

    @Option(
        names = "--new-password-file",
        required = true,
        paramLabel = "FILE",
        description = "The new password, on the first line of FILE.")
    Path newPasswordFile;

    @Override
    public Integer call() {
      Session session = HostkeepCommand.session(spec);
      RepoAccess fresh = new RepoAccess();
      fresh.passwordFile = newPasswordFile;
      String password = fresh.password(session);
      try (Repository repository = access.openKeysOnly(session)) {
        String id = repository.addKey(password, origin());
        session.out().printf("saved new key %s%n", id.substring(0, 8));
      }
      return 0;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a password.")
  static final class KeyRemove implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RepoAccess access = new RepoAccess();

    @Parameters(paramLabel = "ID", description = "The key's id or a unique prefix of it.")
    String id;

    @Override
    public Integer call() {
      Session session = HostkeepCommand.session(spec);
      try (Repository repository = access.openKeysOnly(session)) {
        List<Keys.Listed> matches =
            repository.keys().list().stream().filter(k -> k.id().startsWith(id)).toList();
        if (matches.size() != 1) {
          throw HostkeepException.usage(
              matches.isEmpty() ? "no key " + id : "'" + id + "' matches several keys");
        }
        String key = matches.getFirst().id();
        if (key.equals(repository.keyId())) {
          throw HostkeepException.usage(
              "key "
                  + id
                  + " is the one this command was opened with; open with another"
                  + " password to remove it");
        }
        repository.keys().remove(key);
        session.out().printf("removed key %s%n", key.substring(0, 8));
      }
      return 0;
    }
  }
}
