package dev.hostkeep.backup.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostkeep.backup.repo.BlobType;
import dev.hostkeep.backup.repo.Checker;
import dev.hostkeep.backup.repo.Node;
import dev.hostkeep.backup.repo.PackedBlob;
import dev.hostkeep.backup.repo.Repository;
import dev.hostkeep.testkit.Restic;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} finds what is damaged and says which snapshot and files it hurts. */
class CheckTest {
  @TempDir Path temp;

  @Test
  void aCleanRepositoryChecksCleanAndADamagedPackIsTracedToItsFiles() throws Exception {
    Path data = temp.resolve("data");
    SampleTree.write(data, 4);
    Path repo = temp.resolve("repo");
    String snapshot;
    PackedBlob victim;
    try (Repository repository = Repos.init(repo, 2)) {
      snapshot = Repos.backup(repository, data).snapshot().shortForm();
      Checker.Result clean = new Checker(repository).check(true, id -> true);
      assertThat(clean.errors()).isEmpty();
      assertThat(clean.packsRead()).isPositive();
      Node photo =
          new SnapshotWalker(repository)
              .find(
                  repository.findSnapshot("latest").snapshot().treeId(),
                  data + "/site/uploads/photo.bin");
      victim = repository.index().find(BlobType.DATA, photo.contentIds().getFirst());
    }
    Path pack =
        repo.resolve("data")
            .resolve(victim.pack().toString().substring(0, 2))
            .resolve(victim.pack().toString());
    Files.setPosixFilePermissions(pack, PosixFilePermissions.fromString("rw-------"));
    try (FileChannel file =
        FileChannel.open(pack, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long at = victim.offset() + victim.length() / 2;
      ByteBuffer one = ByteBuffer.allocate(1);
      file.read(one, at);
      one.flip();
      one.put(0, (byte) (one.get(0) ^ 0x40));
      file.write(one, at);
    }

    try (Repository repository = Repos.open(repo)) {
      assertThat(new Checker(repository).check(false, id -> true).errors())
          .as("the structure is intact; only reading the data finds this")
          .isEmpty();
      Checker.Result damaged = new Checker(repository).check(true, id -> true);
      assertThat(damaged.errors())
          .anyMatch(e -> e.contains("pack " + victim.pack() + " is damaged"))
          .anyMatch(e -> e.contains("data blob " + victim.id()))
          .contains(
              "snapshot "
                  + snapshot
                  + ": "
                  + data
                  + "/site/uploads/photo.bin is damaged or incomplete");

      Restorer restorer = new Restorer(repository, 2);
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  restorer.restore(
                      repository.findSnapshot("latest").snapshot().treeId(),
                      data.toString(),
                      temp.resolve("restored")))
          .as("a restore refuses the damaged blob rather than write it")
          .hasMessageContaining(
              "data blob " + victim.id() + " in pack " + victim.pack() + " is damaged");
    }
    assertThat(Restic.at(repo, Repos.PASSWORD).run("check", "--read-data").exitCode()).isNotZero();
  }

  @Test
  void subsetsSelectPacksByIdOrShare() {
    var half = Checker.subset("1/2", new Random(1));
    var all = Checker.subset("100%", new Random(1));
    byte[] even = new byte[32];
    byte[] odd = new byte[32];
    odd[0] = 1;
    assertThat(half.test(dev.hostkeep.backup.repo.Id.ofDigest(even))).isTrue();
    assertThat(half.test(dev.hostkeep.backup.repo.Id.ofDigest(odd))).isFalse();
    assertThat(all.test(dev.hostkeep.backup.repo.Id.ofDigest(odd))).isTrue();
  }
}
