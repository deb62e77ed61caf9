package dev.hostkeep.backup.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostkeep.backup.storage.FileType;
import dev.hostkeep.backup.storage.LocalBackend;
import dev.hostkeep.testkit.Restic;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Locks that restic honours, and stale ones that nobody has to remove by hand. */
class LockTest {
  static final String PASSWORD = "lock test";
  @TempDir Path dir;

  private Repository init() {
    return Repository.init(
        new LocalBackend(dir),
        PASSWORD,
        2,
        new Keys.Origin("tester", "testhost", Instant.now()),
        Repository.Options.defaults());
  }

  private static void plant(Repository repository, long pid, boolean exclusive, Instant time) {
    Lock.Content content =
        new Lock.Content(
            GoTime.format(time, ZoneOffset.UTC), exclusive, "testhost", "other", pid, 0, 0);
    repository.files().save(FileType.LOCK, RepoJson.write(content));
  }

  @Test
  void aLockOfADeadProcessOnThisHostIsTakenOver() throws Exception {
    try (Repository repository = init()) {
      Process gone = new ProcessBuilder("true").start();
      gone.waitFor();
      plant(repository, gone.pid(), true, Instant.now());
      try (Lock lock =
          Lock.acquire(repository, false, "testhost", "me", Clock.systemUTC(), Duration.ZERO)) {
        assertThat(repository.backend().list(FileType.LOCK)).hasSize(1);
      }
      assertThat(repository.backend().list(FileType.LOCK)).isEmpty();
    }
  }

  @Test
  void aLockNotRefreshedFor30MinutesIsTakenOverFromAnyHost() {
    try (Repository repository = init()) {
      plant(
          repository,
          ProcessHandle.current().pid(),
          true,
          Instant.now().minus(Duration.ofMinutes(31)));
      Lock.acquire(repository, true, "elsewhere", "me", Clock.systemUTC(), Duration.ZERO).close();
      assertThat(repository.backend().list(FileType.LOCK)).isEmpty();
    }
  }

  @Test
  void aLiveExclusiveLockRefusesWithItsHolderAndResticHonoursOurs() {
    try (Repository repository = init()) {
      plant(repository, ProcessHandle.current().pid(), true, Instant.now());
      assertThatThrownBy(
              () ->
                  Lock.acquire(
                      repository, false, "testhost", "me", Clock.systemUTC(), Duration.ZERO))
          .isInstanceOf(RepositoryException.class)
          .hasMessageContaining(
              "locked exclusively by PID " + ProcessHandle.current().pid() + " on testhost");
    }
    try (Repository repository =
        Repository.open(new LocalBackend(dir), PASSWORD, Repository.Options.defaults())) {
      for (var entry : repository.backend().list(FileType.LOCK)) {
        repository.backend().remove(FileType.LOCK, entry.name());
      }
      try (Lock held =
          Lock.acquire(repository, true, "testhost", "me", Clock.systemUTC(), Duration.ZERO)) {
        Restic.Result refused =
            Restic.at(dir, PASSWORD).run("backup", dir.resolve("config").toString());
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("locked");
      }
    }
  }
}
