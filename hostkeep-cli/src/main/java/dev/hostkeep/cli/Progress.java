package dev.hostkeep.cli;

import dev.hostkeep.backup.archive.BackupStats;
import java.time.Duration;
import java.time.Instant;

/**
 * A backup's progress on a terminal: one line on stderr, rewritten each second, with files, bytes
 * read and the read rate. Prints nothing when stderr is not a terminal (cron, pipes).
 */
final class Progress implements AutoCloseable {
  private final Thread thread;
  private final Session session;
  private volatile boolean done;

  private Progress(Session session, BackupStats stats, boolean show) {
    this.session = session;
    Instant start = Instant.now();
    this.thread =
        show
            ? Thread.ofPlatform().daemon().name("hostkeep-progress").start(() -> loop(stats, start))
            : null;
  }

  static Progress start(Session session, BackupStats stats) {
    return new Progress(session, stats, session.terminal().stderrIsTerminal());
  }

  private void loop(BackupStats stats, Instant start) {
    while (!done) {
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return;
      }
      double seconds = Math.max(0.001, Duration.between(start, Instant.now()).toMillis() / 1000.0);
      session
          .err()
          .printf(
              "\r[%s] %d files, %d dirs, %s read, %s/s   ",
              clock((long) seconds),
              stats.files(),
              stats.dirs(),
              RepoCommand.bytes(stats.bytesRead()),
              RepoCommand.bytes((long) (stats.bytesRead() / seconds)));
      session.err().flush();
    }
  }

  private static String clock(long seconds) {
    return String.format("%d:%02d", seconds / 60, seconds % 60);
  }

  @Override
  public void close() {
    if (thread != null && !done) {
      done = true;
      thread.interrupt();
      session.err().print("\r\033[K");
      session.err().flush();
    }
    done = true;
  }
}
