package dev.hostkeep.backup.site;

import dev.hostkeep.backup.archive.Archiver;
import dev.hostkeep.backup.archive.BackupStats;
import dev.hostkeep.backup.sealed.Recipients;
import dev.hostkeep.backup.sealed.SealedArchives;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Backs up one part into a sealed repository: the same dumps and commands as {@link PartBackup},
 * and for a files part a GNU tar stream (on local hosts too, so the archive is a tar that any
 * machine can unpack), each compressed and encrypted to the repository's recipients as it streams
 * through.
 */
final class SealedPartBackup {
  private final SealedArchives archives;
  private final Recipients recipients;
  private final dev.hostkeep.core.host.Host host;
  private final Clock clock;

  SealedPartBackup(
      SealedArchives archives,
      Recipients recipients,
      dev.hostkeep.core.host.Host host,
      Clock clock) {
    this.archives = archives;
    this.recipients = recipients;
    this.host = host;
    this.clock = clock;
  }

  SealedArchives.Archive run(Site site, Part part, Optional<String> revision, BackupStats stats)
      throws IOException {
    List<CommandOutput> tars = new ArrayList<>();
    List<SealedArchives.Stream> streams =
        switch (part) {
          case DatabasePart database -> sealed(PartBackup.databaseStreams(host, database));
          case CommandPart command -> sealed(List.of(PartBackup.commandStream(host, command)));
          case FilesPart files -> {
            String path = RemoteTree.resolve(host, files);
            yield List.of(
                new SealedArchives.Stream(
                    files.name() + ".tar",
                    () -> {
                      CommandOutput tar =
                          CommandOutput.start(
                              host,
                              RemoteTree.tar(path, files, RemoteTree.tarExcludes(files.excludes())),
                              new byte[0],
                              "tar of " + path + " on " + host.name(),
                              1);
                      tars.add(tar);
                      return tar;
                    }));
          }
        };
    SealedArchives.Origin origin =
        new SealedArchives.Origin(
            site.name(),
            part.name(),
            part.kind(),
            PartBackup.hostLabel(site.host()),
            revision.orElse(null));
    SealedArchives.Archive archive =
        archives.write(
            origin, java.time.OffsetDateTime.now(clock), streams, recipients, stats::streamed);
    stats.stored(archive.manifest().stored());
    for (CommandOutput tar : tars) {
      for (String line : tar.stderr().lines().toList()) {
        stats.warn(host.name() + ": " + line);
      }
    }
    return archive;
  }

  private static List<SealedArchives.Stream> sealed(List<Archiver.NamedStream> streams) {
    return streams.stream().map(s -> new SealedArchives.Stream(s.name(), s.open())).toList();
  }
}
