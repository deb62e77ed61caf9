package dev.hostkeep.backup.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostkeep.backup.repo.Keys;
import dev.hostkeep.backup.repo.Repository;
import dev.hostkeep.backup.storage.LocalBackend;
import dev.hostkeep.testkit.Restic;
import java.io.IOException;
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

  /**
   * restic checks every byte of the repository, restores its latest snapshot into {@code target},
   * and the restored copy of {@code data} is indistinguishable from it.
   */
  static void resticChecksAndRestores(Restic restic, Path data, Path target) throws IOException {
    restic.run("check", "--read-data").orFail();
    restic.run("restore", "latest", "--target", target.toString()).orFail();
    assertThat(SampleTree.describe(target.resolve(Path.of("/").relativize(data))))
        .isEqualTo(SampleTree.describe(data));
  }
}
