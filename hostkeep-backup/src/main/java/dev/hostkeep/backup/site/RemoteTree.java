package dev.hostkeep.backup.site;

import dev.hostkeep.backup.archive.Archiver;
import dev.hostkeep.backup.archive.BackupStats;
import dev.hostkeep.backup.archive.Excludes;
import dev.hostkeep.backup.repo.Snapshot;
import dev.hostkeep.core.host.Command;
import dev.hostkeep.core.host.Host;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A files part on an SSH host, read as one {@code tar} stream: a single sequential read on the host
 * and one SSH channel, which is much faster over a network than one SFTP round trip per file and
 * needs nothing on the host but GNU tar. Excludes are applied by hostkeep with restic's pattern
 * rules (so they mean the same as for local folders); excluded files still cross the wire.
 */
final class RemoteTree {
  /** The script: check the folder exists, then tar it relative to /. */
  private static final String SCRIPT =
      "p=$1; shift; [ -e \"$p\" ] || { echo \"$p does not exist\" >&2; exit 3; };"
          + " cd / && exec tar \"$@\" -- \"${p#/}\"";

  private final Host host;
  private final FilesPart part;

  RemoteTree(Host host, FilesPart part) {
    this.host = host;
    this.part = part;
  }

  Archiver.Result backup(
      Archiver archiver, Snapshot.Stored parent, Archiver.Meta meta, BackupStats stats)
      throws IOException {
    String path = resolve(host, part);
    Excludes excludes = new Excludes(part.excludes(), false, false);
    try (CommandOutput tar =
        CommandOutput.start(
            host,
            tar(path, part, List.of()),
            new byte[0],
            "tar of " + path + " on " + host.name(),
            1)) {
      Archiver.Result result = archiver.backupTar(tar, path, excludes, parent, meta, stats);
      for (String line : tar.stderr().lines().toList()) {
        stats.warn(host.name() + ": " + line);
      }
      return result;
    }
  }

  /** The folder a files part reads on {@code host}: its path, resolved when it follows links. */
  static String resolve(Host host, FilesPart part) throws IOException {
    String path = part.path();
    if (part.followSymlinks()) {
      path =
          CommandOutput.run(
                  host,
                  Command.of("readlink", "-f", "--", path),
                  new byte[0],
                  "readlink -f " + path + " on " + host.name())
              .strip();
    }
    if (path.equals("/")) {
      throw new PartFailedException(
          "a files part of the whole filesystem (/) read by tar is not supported; name the"
              + " folders to back up");
    }
    return path;
  }

  /**
   * The GNU tar command that writes {@code path} (relative to /) as a POSIX tar stream, with {@code
   * tarOptions} (e.g. excludes) before the folder.
   */
  static Command tar(String path, FilesPart part, List<String> tarOptions) {
    List<String> argv = new ArrayList<>(List.of("sh", "-c", SCRIPT, "sh", path));
    argv.addAll(
        List.of(
            "--create",
            "--file=-",
            "--format=posix",
            "--xattrs",
            "--xattrs-include=user.*",
            "--ignore-failed-read"));
    if (part.oneFileSystem()) {
      argv.add("--one-file-system");
    }
    if (part.excludeCaches()) {
      argv.add("--exclude-caches");
    }
    argv.addAll(tarOptions);
    return new Command(argv);
  }

  /**
   * A files part's excludes as GNU tar options, for streams that tar alone filters: a pattern
   * starting with {@code /} is anchored at the folder's absolute path, any other matches a name at
   * any depth, as restic's patterns do; {@code **} becomes tar's {@code *}, which crosses slashes.
   */
  static List<String> tarExcludes(List<String> patterns) {
    List<String> options = new ArrayList<>();
    List<String> anchored = new ArrayList<>();
    for (String pattern : patterns) {
      String tarPattern = pattern.replace("**", "*");
      if (tarPattern.startsWith("/")) {
        anchored.add("--exclude=" + tarPattern.substring(1));
      } else {
        options.add("--exclude=" + tarPattern);
      }
    }
    if (!anchored.isEmpty()) {
      options.add("--anchored");
      options.addAll(anchored);
    }
    return options;
  }
}
