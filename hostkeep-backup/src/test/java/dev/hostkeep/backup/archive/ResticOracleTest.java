package dev.hostkeep.backup.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostkeep.backup.repo.Repository;
import dev.hostkeep.backup.repo.RepositoryException;
import dev.hostkeep.backup.repo.Snapshot;
import dev.hostkeep.backup.storage.LocalBackend;
import dev.hostkeep.testkit.Restic;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** restic itself judges what hostkeep writes, and hostkeep reads what restic wrote. */
class ResticOracleTest {
  @TempDir Path temp;

  @ParameterizedTest(name = "repository version {0}")
  @ValueSource(ints = {1, 2})
  void resticChecksAndRestoresWhatHostkeepWrote(int version) throws Exception {
    Path data = temp.resolve("data");
    SampleTree.write(data, 1);
    Path repo = temp.resolve("repo");
    Archiver.Result result;
    try (Repository repository = Repos.init(repo, version)) {
      result = Repos.backup(repository, data);
    }
    Restic restic = Restic.at(repo, Repos.PASSWORD);

    restic.run("check", "--read-data").orFail();
    JsonNode snapshots =
        new ObjectMapper().readTree(restic.run("snapshots", "--json").orFail().stdout());
    assertThat(snapshots).hasSize(1);
    assertThat(snapshots.get(0).get("id").asText()).isEqualTo(result.snapshot().toString());
    assertThat(snapshots.get(0).get("paths").get(0).asText()).isEqualTo(data.toString());
    assertThat(snapshots.get(0).get("hostname").asText()).isEqualTo("testhost");

    Path target = temp.resolve("restored");
    restic.run("restore", "latest", "--target", target.toString()).orFail();
    assertThat(SampleTree.describe(target.resolve(Path.of("/").relativize(data))))
        .isEqualTo(SampleTree.describe(data));
  }

  @ParameterizedTest(name = "repository version {0}")
  @ValueSource(ints = {1, 2})
  void hostkeepRestoresWhatResticWroteAndResticStillChecksClean(int version) throws Exception {
    Path data = temp.resolve("data");
    SampleTree.write(data, 2);
    Path repo = temp.resolve("repo");
    Restic restic = Restic.at(repo, Repos.PASSWORD);
    restic.run("init", "--repository-version", Integer.toString(version)).orFail();
    restic.run("backup", data.toString()).orFail();

    Path target = temp.resolve("restored");
    try (Repository repository = Repos.open(repo)) {
      Snapshot.Stored latest = repository.findSnapshot("latest");
      assertThat(latest.snapshot().paths()).containsExactly(data.toString());
      new Restorer(repository, 2).restore(latest.snapshot().treeId(), data.toString(), target);

      // The same data again: restic's chunks are found again, so nothing new is stored.
      Archiver.Result again = Repos.backup(repository, data);
      assertThat(again.stats().dataAdded()).isZero();
    }
    assertThat(SampleTree.describe(target)).isEqualTo(SampleTree.describe(data));
    restic.run("check", "--read-data").orFail();
    assertThat(restic.run("snapshots", "--json", "--host", "testhost").orFail().stdout())
        .contains(data.toString());
  }

  @Test
  void aSecondBackupReadsOnlyTheChangedFile() throws Exception {
    Path data = temp.resolve("data");
    SampleTree.write(data, 3);
    Path repo = temp.resolve("repo");
    try (Repository repository = Repos.init(repo, 2)) {
      Archiver.Result first = Repos.backup(repository, data);
      java.nio.file.Files.writeString(data.resolve("site/run.sh"), "changed\n");
      Archiver archiver = new Archiver(repository, Clock.systemUTC(), 2);
      Archiver.Result second =
          archiver.backup(
              List.of(data),
              Excludes.NONE,
              repository.findSnapshot(first.snapshot().toString()),
              Repos.META,
              new BackupStats());
      assertThat(second.stats().bytesRead()).isEqualTo("changed\n".length());
      assertThat(second.stats().filesChanged()).isEqualTo(1);
      assertThat(second.content().parent()).isEqualTo(first.snapshot().toString());
    }
    Restic.at(repo, Repos.PASSWORD).run("check", "--read-data").orFail();
  }

  @Test
  void aWrongPasswordIsAClearError() {
    Path repo = temp.resolve("repo");
    Repos.init(repo, 2).close();
    assertThatThrownBy(
            () -> Repository.open(new LocalBackend(repo), "wrong", Repository.Options.defaults()))
        .isInstanceOf(RepositoryException.class)
        .hasMessage(
            "wrong password for the repository at "
                + repo
                + ": none of its 1 key(s) opens with it");
  }

  @Test
  void aStreamBecomesOneFileResticCanDump() throws Exception {
    Path repo = temp.resolve("repo");
    byte[] dump = "CREATE TABLE t (id int);\n".repeat(100_000).getBytes();
    try (Repository repository = Repos.init(repo, 2)) {
      new Archiver(repository, Clock.systemUTC(), 2)
          .backupStream(
              new java.io.ByteArrayInputStream(dump),
              "db.sql",
              null,
              Repos.META,
              new BackupStats());
    }
    Restic restic = Restic.at(repo, Repos.PASSWORD);
    restic.run("check", "--read-data").orFail();
    assertThat(restic.run("dump", "latest", "/db.sql").orFail().stdout().getBytes())
        .isEqualTo(dump);
  }
}
