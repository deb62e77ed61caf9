package dev.hostkeep.backup.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostkeep.backup.repo.Compression;
import dev.hostkeep.backup.repo.Keys;
import dev.hostkeep.backup.repo.Repository;
import dev.hostkeep.backup.storage.Backend;
import dev.hostkeep.backup.storage.FileType;
import dev.hostkeep.backup.storage.LocalBackend;
import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.testkit.Restic;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backup whose data did not all reach the repository fails, and saves no snapshot. */
class BackupFailureTest {
  @TempDir Path temp;

  @Test
  void anErrorWhileStoringAPackFailsTheBackupInsteadOfSavingASnapshotWithoutIt() throws Exception {
    Path data = temp.resolve("data");
    SampleTree.write(data, 5);
    Path repo = temp.resolve("repo");
    AtomicInteger packs = new AtomicInteger();
    Backend failing =
        new Delegating(new LocalBackend(repo)) {
          @Override
          public void save(FileType type, String name, Path file) {
            if (type == FileType.PACK && packs.incrementAndGet() == 2) {
              // what an upload thread met when the heap ran out: not a RuntimeException
              throw new OutOfMemoryError("Java heap space (test)");
            }
            super.save(type, name, file);
          }
        };
    Repository.Options smallPacks =
        new Repository.Options(Compression.AUTO, 64 * 1024, 2, new SecureRandom(), temp);
    try (Repository repository =
        Repository.init(
            failing,
            Repos.PASSWORD,
            2,
            new Keys.Origin("tester", "testhost", Instant.now()),
            smallPacks)) {
      Archiver archiver = new Archiver(repository, Clock.systemUTC(), 2);

      assertThatThrownBy(
              () ->
                  archiver.backup(
                      List.of(data), Excludes.NONE, null, Repos.META, new BackupStats()))
          .isInstanceOf(HostkeepException.class)
          .hasMessageContaining("hostkeep ran out of memory")
          .hasMessageContaining("HOSTKEEP_JAVA_OPTS=-Xmx")
          .hasRootCauseMessage("Java heap space (test)");
      assertThat(repository.snapshots()).isEmpty();
    }
    Restic.at(repo, Repos.PASSWORD).run("check", "--read-data").orFail();
  }

  @Test
  void aStreamThatFailsMidwayLeavesNoTemporaryPackAndTheNextBackupStillWorks() throws Exception {
    Path spool = java.nio.file.Files.createDirectory(temp.resolve("spool"));
    Path repo = temp.resolve("repo");
    Repository.Options smallPacks =
        new Repository.Options(Compression.AUTO, 256 * 1024, 2, new SecureRandom(), spool);
    byte[] random = new byte[6 * 1024 * 1024];
    new java.util.Random(3).nextBytes(random);
    try (Repository repository =
        Repository.init(
            new LocalBackend(repo),
            Repos.PASSWORD,
            2,
            new Keys.Origin("tester", "testhost", Instant.now()),
            smallPacks)) {
      Archiver archiver = new Archiver(repository, Clock.systemUTC(), 2);
      java.io.InputStream failing =
          new java.io.SequenceInputStream(
              new java.io.ByteArrayInputStream(random),
              new java.io.InputStream() {
                @Override
                public int read() throws java.io.IOException {
                  throw new java.io.IOException("the dump died (test)");
                }
              });
      assertThatThrownBy(
              () -> archiver.backupStream(failing, "dump.sql", null, Repos.META, new BackupStats()))
          .hasMessageContaining("the dump died (test)");

      Archiver.Result next =
          archiver.backupStream(
              new java.io.ByteArrayInputStream(random),
              "dump.sql",
              null,
              Repos.META,
              new BackupStats());
      assertThat(next.stats().bytesProcessed()).isEqualTo(random.length);
    }
    try (java.util.stream.Stream<Path> left = java.nio.file.Files.list(spool)) {
      assertThat(left).as("temporary packs left in the spool folder").isEmpty();
    }
    Restic.at(repo, Repos.PASSWORD).run("check", "--read-data").orFail();
  }

  @Test
  void aBlobWhosePackCouldNotBeWrittenIsStoredAgainNotTakenAsStored() throws Exception {
    Path spool = java.nio.file.Files.createDirectory(temp.resolve("spool"));
    Repository.Options options =
        new Repository.Options(Compression.AUTO, 256 * 1024, 2, new SecureRandom(), spool);
    byte[] data = "a blob whose first pack could not be made".getBytes();
    dev.hostkeep.backup.repo.Id id = dev.hostkeep.backup.repo.Id.of(data);
    try (Repository repository =
        Repository.init(
            new LocalBackend(temp.resolve("repo")),
            Repos.PASSWORD,
            2,
            new Keys.Origin("tester", "testhost", Instant.now()),
            options)) {
      java.nio.file.Files.delete(spool); // as a full or vanished spool folder fails the write
      assertThatThrownBy(
              () -> repository.saveBlob(dev.hostkeep.backup.repo.BlobType.DATA, id, data))
          .hasMessageContaining("cannot make a temporary pack file");

      java.nio.file.Files.createDirectory(spool);
      assertThat(repository.saveBlob(dev.hostkeep.backup.repo.BlobType.DATA, id, data))
          .as("stored now, not taken for stored by the failed attempt")
          .isTrue();
      repository.flush();
      assertThat(repository.loadBlob(dev.hostkeep.backup.repo.BlobType.DATA, id)).isEqualTo(data);
    }
  }

  /** A backend that passes every call on, for tests to change one. */
  private static class Delegating implements Backend {
    private final Backend backend;

    Delegating(Backend backend) {
      this.backend = backend;
    }

    @Override
    public String location() {
      return backend.location();
    }

    @Override
    public boolean initialized() {
      return backend.initialized();
    }

    @Override
    public void create() {
      backend.create();
    }

    @Override
    public void save(FileType type, String name, byte[] data, int length) {
      backend.save(type, name, data, length);
    }

    @Override
    public void save(FileType type, String name, Path file) {
      backend.save(type, name, file);
    }

    @Override
    public void loadInto(FileType type, String name, long offset, int length, byte[] into) {
      backend.loadInto(type, name, offset, length, into);
    }

    @Override
    public byte[] load(FileType type, String name) {
      return backend.load(type, name);
    }

    @Override
    public byte[] load(FileType type, String name, long offset, int length) {
      return backend.load(type, name, offset, length);
    }

    @Override
    public boolean exists(FileType type, String name) {
      return backend.exists(type, name);
    }

    @Override
    public List<Entry> list(FileType type) {
      return backend.list(type);
    }

    @Override
    public void remove(FileType type, String name) {
      backend.remove(type, name);
    }

    @Override
    public void close() {
      backend.close();
    }
  }
}
