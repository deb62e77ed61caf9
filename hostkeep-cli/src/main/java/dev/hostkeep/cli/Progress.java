package dev.hostkeep.cli;

import dev.hostkeep.backup.archive.BackupStats;
import dev.hostkeep.backup.archive.Excludes;
import dev.hostkeep.backup.archive.Scanner;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A backup's progress on a terminal: one line on stderr, rewritten each second, with the files and
 * bytes done, the rate, and (once a background {@link Scanner} has counted what the paths hold) the
 * share done and an estimate of the time left. Prints nothing, and counts nothing, when stderr is
 * not a terminal (cron, pipes).
 */
final class Progress implements AutoCloseable {
  private final Thread thread;
  private final Session session;
  private final Scanner scanner;
  private volatile boolean done;

  private Progress(Session session, BackupStats stats, boolean show, Scanner scanner) {
    this.session = session;
    this.scanner = scanner;
    Instant start = Instant.now();
    this.thread =
        show
            ? Thread.ofPlatform().daemon().name("hostkeep-progress").start(() -> loop(stats, start))
            : null;
  }

  /** Progress of backing up {@code paths} (empty for a stream, which has no total). */
  static Progress start(Session session, BackupStats stats, List<Path> paths, Excludes excludes) {
    boolean show = session.terminal().stderrIsTerminal();
    Scanner scanner = show && !paths.isEmpty() ? Scanner.start(paths, excludes) : null;
    return new Progress(session, stats, show, scanner);
  }

  private void loop(BackupStats stats, Instant start) {
    while (!done) {
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return;
      }
      double seconds = Math.max(0.001, Duration.between(start, Instant.now()).toMillis() / 1000.0);
      session.err().print("\r" + line(stats, scanner, seconds) + "\033[K");
      session.err().flush();
    }
  }

  /** One progress line after {@code seconds}. */
  static String line(BackupStats stats, Scanner scanner, double seconds) {
    long done = stats.bytesProcessed();
    double rate = done / seconds;
    String elapsed = "[" + clock((long) seconds) + "]";
    if (scanner == null) {
      return String.format(
          "%s %d files, %s, %s/s",
          elapsed, stats.files(), RepoCommand.bytes(done), RepoCommand.bytes((long) rate));
    }
    if (!scanner.finished()) {
      return String.format(
          "%s %d files, %s, %s/s (counting: %d files, %s so far)",
          elapsed,
          stats.files(),
          RepoCommand.bytes(done),
          RepoCommand.bytes((long) rate),
          scanner.files(),
          RepoCommand.bytes(scanner.bytes()));
    }
    long total = Math.max(done, scanner.bytes());
    double share = total == 0 ? 100 : 100.0 * done / total;
    String eta = rate <= 0 ? "?" : clock((long) ((total - done) / rate));
    return String.format(
        "%s %.1f%%  %d of %d files  %s of %s  %s/s  ETA %s",
        elapsed,
        share,
        stats.files(),
        Math.max(stats.files(), scanner.files()),
        RepoCommand.bytes(done),
        RepoCommand.bytes(total),
        RepoCommand.bytes((long) rate),
        eta);
  }

  private static String clock(long seconds) {
    return String.format("%d:%02d", seconds / 60, seconds % 60);
  }

  @Override
  public void close() {
    if (scanner != null) {
      scanner.close();
    }
    if (thread != null && !done) {
      done = true;
      thread.interrupt();
      session.err().print("\r\033[K");
      session.err().flush();
    }
    done = true;
  }
}
