package dev.hostkeep.backup.repo;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hostkeep.backup.storage.Backend;
import dev.hostkeep.backup.storage.FileType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * A lock in {@code locks/}, compatible with restic's: backups take shared locks, removals an
 * exclusive one. A lock is stale, and is removed by whoever finds it, when it was not refreshed for
 * 30 minutes or its process on this same host is gone; nobody ever has to unlock by hand. A held
 * lock is refreshed every five minutes (a new file, then the old one deleted).
 */
public final class Lock implements AutoCloseable {
  static final Duration STALE_AFTER = Duration.ofMinutes(30);
  private static final Duration REFRESH_EVERY = Duration.ofMinutes(5);

  private final Repository repository;
  private final Clock clock;
  private final Content content;
  private volatile Id id;
  private final Thread refresher;

  /** The lock file's JSON. */
  record Content(
      @JsonProperty("time") String time,
      @JsonProperty("exclusive") boolean exclusive,
      @JsonProperty("hostname") String hostname,
      @JsonProperty("username") String username,
      @JsonProperty("pid") long pid,
      @JsonProperty("uid") int uid,
      @JsonProperty("gid") int gid) {}

  private Lock(Repository repository, Clock clock, Content content, Id id) {
    this.repository = repository;
    this.clock = clock;
    this.content = content;
    this.id = id;
    this.refresher =
        Thread.ofPlatform().daemon().name("hostkeep-lock-refresh").start(this::refreshLoop);
  }

  /**
   * Takes a lock, waiting up to {@code wait} for conflicting ones to go; stale conflicting locks
   * are removed on the way. Fails naming the holder when a live one stays.
   */
  public static Lock acquire(
      Repository repository,
      boolean exclusive,
      String hostname,
      String username,
      Clock clock,
      Duration wait) {
    Content content =
        new Content(
            GoTime.format(clock.instant(), clock.getZone()),
            exclusive,
            hostname,
            username,
            ProcessHandle.current().pid(),
            0,
            0);
    Instant deadline = clock.instant().plus(wait);
    while (true) {
      Id mine = repository.files().save(FileType.LOCK, RepoJson.write(content));
      Optional<Content> blocking = conflict(repository, mine, exclusive, hostname, clock);
      if (blocking.isEmpty()) {
        return new Lock(repository, clock, content, mine);
      }
      repository.backend().remove(FileType.LOCK, mine.toString());
      if (!clock.instant().isBefore(deadline)) {
        Content holder = blocking.get();
        throw new RepositoryException(
            "the repository at "
                + repository.backend().location()
                + " is locked "
                + (holder.exclusive() ? "exclusively " : "")
                + "by PID "
                + holder.pid()
                + " on "
                + holder.hostname()
                + " (user "
                + holder.username()
                + ", since "
                + holder.time()
                + "); it is released when that"
                + " process ends, or taken over after 30 minutes without a refresh");
      }
      LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
    }
  }

  private static Optional<Content> conflict(
      Repository repository, Id mine, boolean exclusive, String hostname, Clock clock) {
    List<Content> live = new ArrayList<>();
    for (Backend.Entry entry : repository.backend().list(FileType.LOCK)) {
      if (!Id.isId(entry.name()) || entry.name().equals(mine.toString())) {
        continue;
      }
      Content other;
      try {
        other =
            RepoJson.read(
                repository.files().load(FileType.LOCK, entry.name()), Content.class, "lock");
      } catch (RuntimeException gone) {
        continue; // removed meanwhile, or unreadable: restic ignores those too
      }
      if (stale(other, hostname, clock)) {
        repository.backend().remove(FileType.LOCK, entry.name());
      } else if (exclusive || other.exclusive()) {
        live.add(other);
      }
    }
    return live.stream().findFirst();
  }

  static boolean stale(Content lock, String hostname, Clock clock) {
    Instant time;
    try {
      time = GoTime.parse(lock.time());
    } catch (RepositoryException e) {
      return true;
    }
    if (time.plus(STALE_AFTER).isBefore(clock.instant())) {
      return true;
    }
    return hostname.equals(lock.hostname())
        && ProcessHandle.of(lock.pid()).map(p -> !p.isAlive()).orElse(true);
  }

  private void refreshLoop() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(REFRESH_EVERY.toMillis());
      } catch (InterruptedException e) {
        return;
      }
      try {
        Content fresh =
            new Content(
                GoTime.format(clock.instant(), clock.getZone()),
                content.exclusive(),
                content.hostname(),
                content.username(),
                content.pid(),
                0,
                0);
        Id next = repository.files().save(FileType.LOCK, RepoJson.write(fresh));
        Id old = id;
        id = next;
        repository.backend().remove(FileType.LOCK, old.toString());
      } catch (RuntimeException e) {
        // The next refresh tries again; a lock older than 30 minutes may be taken over.
      }
    }
  }

  @Override
  public void close() {
    refresher.interrupt();
    try {
      refresher.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    repository.backend().remove(FileType.LOCK, id.toString());
  }
}
