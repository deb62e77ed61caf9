package dev.hostkeep.backup.archive;

import dev.hostkeep.backup.repo.Keys;
import dev.hostkeep.backup.repo.Repository;
import dev.hostkeep.backup.storage.LocalBackend;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Opening and filling repositories in tests, the way the CLI does. */
final class Repos {
  static final String PASSWORD = "correct horse battery staple";
  static final Archiver.Meta META = new Archiver.Meta("testhost", "tester", 0, 0, List.of());

  private Repos() {}

  static Repository init(Path dir, int version) {
    return Repository.init(
        new LocalBackend(dir),
        PASSWORD,
        version,
        new Keys.Origin("tester", "testhost", Instant.now()),
        Repository.Options.defaults());
  }

  static Repository open(Path dir) {
    Repository repository =
        Repository.open(new LocalBackend(dir), PASSWORD, Repository.Options.defaults());
    repository.loadIndex();
    return repository;
  }

  static Archiver.Result backup(Repository repository, Path path) {
    Archiver archiver = new Archiver(repository, Clock.systemUTC(), 2);
    return archiver.backup(List.of(path), Excludes.NONE, null, META, new BackupStats());
  }
}
