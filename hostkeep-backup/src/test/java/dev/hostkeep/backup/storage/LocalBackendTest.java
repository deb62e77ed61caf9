package dev.hostkeep.backup.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBackendTest extends BackendContract {
  @TempDir Path temp;

  @Override
  Backend open(String name) {
    return new LocalBackend(temp.resolve(name));
  }

  @Test
  void aFileOnTheSameFileSystemIsMovedIntoPlace() throws IOException {
    Backend repo = backend();
    repo.create();
    Path file = Files.write(temp.resolve("pack.tmp"), bytes(1000, 3));

    repo.save(FileType.PACK, name(3), file);

    assertThat(file).doesNotExist();
    assertThat(repo.load(FileType.PACK, name(3))).isEqualTo(bytes(1000, 3));
  }

  @Test
  void aFileOnAnotherFileSystemIsCopied() throws IOException {
    Path shm = Path.of("/dev/shm");
    assumeTrue(
        Files.isDirectory(shm) && !Files.getFileStore(shm).equals(Files.getFileStore(temp)),
        "needs /dev/shm on a file system of its own");
    Backend repo = backend();
    repo.create();
    Path file = Files.createTempFile(shm, "hostkeep-test-", ".tmp");
    try {
      Files.write(file, bytes(2000, 4));

      repo.save(FileType.PACK, name(4), file);

      assertThat(repo.load(FileType.PACK, name(4))).isEqualTo(bytes(2000, 4));
      assertThat(repo.list(FileType.PACK)).containsExactly(new Backend.Entry(name(4), 2000));
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
