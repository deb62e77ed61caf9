package dev.hostkeep.backup.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostkeep.backup.repo.BlobType;
import dev.hostkeep.backup.repo.Id;
import dev.hostkeep.backup.repo.PackedBlob;
import dev.hostkeep.backup.repo.Pruner;
import dev.hostkeep.backup.repo.Repository;
import dev.hostkeep.backup.repo.RepositoryException;
import dev.hostkeep.backup.storage.FileType;
import dev.hostkeep.testkit.Restic;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** prune frees what forgotten snapshots held, and restic checks and restores what is left. */
class PruneTest {
  @TempDir Path temp;

  /** Two snapshots; the second has lost the 3 MiB photo and gained a 1 MiB file. */
  Path twoSnapshotsForgetFirst(Path repo) throws IOException {
    Path data = temp.resolve("data");
    SampleTree.write(data, 31);
    Id first;
    try (Repository repository = Repos.init(repo, 2)) {
      first = Repos.backup(repository, data).snapshot();
    }
    Files.delete(data.resolve("site/uploads/photo.bin"));
    Files.delete(data.resolve("site/current"));
    byte[] extra = new byte[1 << 20];
    new Random(32).nextBytes(extra);
    Files.write(data.resolve("site/uploads/extra.bin"), extra);
    try (Repository repository = Repos.open(repo)) {
      Repos.backup(repository, data);
      repository.backend().remove(FileType.SNAPSHOT, first.toString());
    }
    return data;
  }

  static long size(Path repo) throws IOException {
    try (Stream<Path> files = Files.walk(repo.resolve("data"))) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  static Set<String> files(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files
          .filter(Files::isRegularFile)
          .map(p -> p.getFileName().toString())
          .collect(Collectors.toSet());
    }
  }

  @Test
  void partlyUsedPacksAreRepackedAndResticChecksAndRestoresTheRest() throws Exception {
    Path repo = temp.resolve("repo");
    Path data = twoSnapshotsForgetFirst(repo);
    long before = size(repo);

    Pruner.Plan plan;
    try (Repository repository = Repos.open(repo)) {
      Pruner pruner = new Pruner(repository, 0);
      plan = pruner.plan(message -> {});
      assertThat(plan.snapshots()).isEqualTo(1);
      assertThat(plan.repackPacks()).isNotEmpty();
      assertThat(plan.unusedBytes()).isGreaterThan(3 << 20);
      pruner.apply(plan, message -> {});
    }

    assertThat(size(repo)).isLessThan(before - (3 << 20));
    try (Repository repository = Repos.open(repo)) {
      Pruner.Plan again = new Pruner(repository, 0).plan(message -> {});
      assertThat(again.nothingToDo()).isTrue();
      assertThat(again.unusedBytes()).isZero();
      assertThat(again.usedBlobs()).isEqualTo(plan.usedBlobs());
    }
    Repos.resticChecksAndRestores(Restic.at(repo, Repos.PASSWORD), data, temp.resolve("restored"));
  }

  @Test
  void withinTheUnusedAllowanceDataPacksStayAndOnlyTreesAreRepacked() throws Exception {
    Path repo = temp.resolve("repo");
    twoSnapshotsForgetFirst(repo);
    try (Repository repository = Repos.open(repo)) {
      Pruner.Plan plan = new Pruner(repository, 0.9).plan(message -> {});
      for (Id pack : plan.repackPacks()) {
        assertThat(repository.index().byPack().get(pack))
            .extracting(PackedBlob::type)
            .contains(BlobType.TREE);
      }
      assertThat(plan.unusedAfter()).isGreaterThan(3 << 20);
    }
  }

  @Test
  void aDamagedBlobStopsThePruneBeforeAnythingIsDeleted() throws Exception {
    Path repo = temp.resolve("repo");
    twoSnapshotsForgetFirst(repo);
    Set<String> indexBefore = files(repo.resolve("index"));
    Set<String> packsBefore = files(repo.resolve("data"));
    try (Repository repository = Repos.open(repo)) {
      Pruner pruner = new Pruner(repository, 0);
      Pruner.Plan plan = pruner.plan(message -> {});
      Id pack = plan.copies().keySet().iterator().next();
      PackedBlob blob = plan.copies().get(pack).getFirst();
      Path file = repo.resolve(FileType.PACK.path(pack.toString()));
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
        out.seek(blob.offset() + 20);
        int b = out.read();
        out.seek(blob.offset() + 20);
        out.write(b ^ 0x40);
      }

      assertThatThrownBy(() -> pruner.apply(plan, message -> {}))
          .isInstanceOf(RepositoryException.class)
          .hasMessageContaining(blob.id().toString())
          .hasMessageContaining("damaged");
    }
    assertThat(files(repo.resolve("index"))).containsAll(indexBefore);
    assertThat(files(repo.resolve("data"))).containsAll(packsBefore);
  }

  @Test
  void aPackNoIndexListsIsDeleted() throws Exception {
    Path repo = temp.resolve("repo");
    Path data = temp.resolve("data");
    SampleTree.write(data, 33);
    try (Repository repository = Repos.init(repo, 2)) {
      Repos.backup(repository, data);
    }
    byte[] junk = new byte[5000];
    new Random(1).nextBytes(junk);
    String stray = Id.of(junk).toString();
    Path strayFile = repo.resolve(FileType.PACK.path(stray));
    Files.write(strayFile, junk);

    try (Repository repository = Repos.open(repo)) {
      Pruner pruner = new Pruner(repository, 0.05);
      Pruner.Plan plan = pruner.plan(message -> {});
      assertThat(plan.unindexedPacks()).isEqualTo(1);
      assertThat(plan.deletePacks()).containsExactly(Id.parse(stray));
      assertThat(plan.repackPacks()).isEmpty();
      pruner.apply(plan, message -> {});
    }

    assertThat(strayFile).doesNotExist();
    Restic.at(repo, Repos.PASSWORD).run("check", "--read-data").orFail();
  }

  @Test
  void nothingForgottenMeansNothingToDo() throws Exception {
    Path repo = temp.resolve("repo");
    Path data = temp.resolve("data");
    SampleTree.write(data, 34);
    try (Repository repository = Repos.init(repo, 2)) {
      Repos.backup(repository, data);
    }
    Set<String> before = files(repo);
    try (Repository repository = Repos.open(repo)) {
      Pruner pruner = new Pruner(repository, 0);
      Pruner.Plan plan = pruner.plan(message -> {});
      assertThat(plan.nothingToDo()).isTrue();
      assertThat(pruner.apply(plan, message -> {}).packsDeleted()).isZero();
    }
    assertThat(files(repo)).isEqualTo(before);
  }
}
