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
          "a files part of the whole filesystem (/) on a remote host is not supported; name the"
              + " folders to back up");
    }
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
    Excludes excludes = new Excludes(part.excludes(), false, false);
    try (CommandOutput tar =
        CommandOutput.start(
            host, new Command(argv), new byte[0], "tar of " + path + " on " + host.name(), 1)) {
      Archiver.Result result = archiver.backupTar(tar, path, excludes, parent, meta, stats);
      for (String line : tar.stderr().lines().toList()) {
        stats.warn(host.name() + ": " + line);
      }
      return result;
    }
  }
}
