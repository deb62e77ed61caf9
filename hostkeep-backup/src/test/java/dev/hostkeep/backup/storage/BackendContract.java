package dev.hostkeep.backup.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every backend must do, run against each real one: a local folder, S3 (S3Proxy) and SFTP
 * (OpenSSH's sshd). Each test gets a repository of its own.
 */
abstract class BackendContract {
  private static final AtomicInteger NEXT = new AtomicInteger();
  private Backend backend;

  /** A backend for an empty repository called {@code name}, not created yet. */
  abstract Backend open(String name);

  Backend backend() {
    if (backend == null) {
      backend = open("repo-" + NEXT.incrementAndGet());
    }
    return backend;
  }

  @AfterEach
  void closeBackend() {
    if (backend != null) {
      backend.close();
    }
  }

  static byte[] bytes(int length, long seed) {
    byte[] data = new byte[length];
    new Random(seed).nextBytes(data);
    return data;
  }

  static String name(long seed) {
    return dev.hostkeep.backup.repo.Id.of(bytes(16, seed)).toString();
  }

  @Test
  void aSavedFileReadsBackWholeAndInRanges() {
    Backend repo = backend();
    repo.create();
    byte[] data = bytes(300_000, 1);
    String pack = name(1);

    repo.save(FileType.PACK, pack, data);

    assertThat(repo.load(FileType.PACK, pack)).isEqualTo(data);
    assertThat(repo.load(FileType.PACK, pack, 1000, 5000))
        .isEqualTo(java.util.Arrays.copyOfRange(data, 1000, 6000));
    assertThat(repo.load(FileType.PACK, pack, 299_990, 10))
        .isEqualTo(java.util.Arrays.copyOfRange(data, 299_990, 300_000));
    assertThat(repo.exists(FileType.PACK, pack)).isTrue();
  }

  @Test
  void aFileFromDiskIsStoredWhole(@TempDir Path temp) throws Exception {
    Backend repo = backend();
    repo.create();
    byte[] data = bytes(11 * 1024 * 1024 + 17, 2); // three parts of S3's smallest size
    Path file = temp.resolve("pack.tmp");
    Files.write(file, data);
    String pack = name(2);

    repo.save(FileType.PACK, pack, file);

    assertThat(repo.load(FileType.PACK, pack)).isEqualTo(data);
    assertThat(repo.list(FileType.PACK)).containsExactly(new Backend.Entry(pack, data.length));
  }

  @Test
  void listingNamesEveryFileOfOneTypeWithItsSize() {
    Backend repo = backend();
    repo.create();
    String first = name(2);
    String second = name(3);
    repo.save(FileType.PACK, first, bytes(10, 2));
    repo.save(FileType.PACK, second, bytes(20, 3));
    repo.save(FileType.SNAPSHOT, name(4), bytes(30, 4));
    repo.save(FileType.CONFIG, "config", bytes(40, 5));

    assertThat(repo.list(FileType.PACK))
        .containsExactlyInAnyOrder(new Backend.Entry(first, 10), new Backend.Entry(second, 20));
    assertThat(repo.list(FileType.SNAPSHOT)).containsExactly(new Backend.Entry(name(4), 30));
    assertThat(repo.list(FileType.CONFIG)).containsExactly(new Backend.Entry("config", 40));
    assertThat(repo.list(FileType.INDEX)).isEmpty();
    assertThat(repo.initialized()).isTrue();
  }

  @Test
  void aMissingFileIsNotFoundAndDeletingItIsNoError() {
    Backend repo = backend();
    repo.create();
    String missing = name(6);

    assertThatThrownBy(() -> repo.load(FileType.INDEX, missing))
        .isInstanceOf(Backend.NotFoundException.class)
        .hasMessageContaining(missing);
    assertThat(repo.exists(FileType.INDEX, missing)).isFalse();
    repo.remove(FileType.INDEX, missing);
    assertThat(repo.initialized()).isFalse();
  }

  @Test
  void aDeletedFileIsGone() {
    Backend repo = backend();
    repo.create();
    String lock = name(7);
    repo.save(FileType.LOCK, lock, bytes(100, 7));

    repo.remove(FileType.LOCK, lock);

    assertThat(repo.exists(FileType.LOCK, lock)).isFalse();
    assertThat(repo.list(FileType.LOCK)).isEmpty();
  }

  @Test
  void savingAFileAgainKeepsItWhole() {
    Backend repo = backend();
    repo.create();
    String index = name(8);
    byte[] data = bytes(5000, 8);

    repo.save(FileType.INDEX, index, data);
    repo.save(FileType.INDEX, index, data);

    assertThat(repo.load(FileType.INDEX, index)).isEqualTo(data);
    assertThat(repo.list(FileType.INDEX)).containsExactly(new Backend.Entry(index, 5000));
  }

  @Test
  void readingPastTheEndIsAnError() {
    Backend repo = backend();
    repo.create();
    String pack = name(9);
    repo.save(FileType.PACK, pack, bytes(100, 9));

    assertThatThrownBy(() -> repo.load(FileType.PACK, pack, 50, 100))
        .isInstanceOf(RuntimeException.class)
        .hasMessageContaining(FileType.PACK.path(pack).substring(8));
  }

  @Test
  void creatingTwiceIsHarmless() {
    Backend repo = backend();
    repo.create();
    repo.save(FileType.KEY, name(10), bytes(10, 10));

    repo.create();

    assertThat(repo.list(FileType.KEY)).hasSize(1);
  }

  @Test
  void manyThreadsSaveAndReadAtOnce() throws Exception {
    Backend repo = backend();
    repo.create();
    List<Thread> threads = new java.util.ArrayList<>();
    java.util.Queue<Throwable> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
    for (int t = 0; t < 6; t++) {
      int thread = t;
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      for (int i = 0; i < 5; i++) {
                        long seed = 100 + thread * 10 + i;
                        repo.save(FileType.PACK, name(seed), bytes(70_000, seed));
                        assertThat(repo.load(FileType.PACK, name(seed)))
                            .isEqualTo(bytes(70_000, seed));
                      }
                    } catch (Throwable e) {
                      failures.add(e);
                    }
                  }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(failures).isEmpty();
    assertThat(repo.list(FileType.PACK)).hasSize(30);
  }
}
