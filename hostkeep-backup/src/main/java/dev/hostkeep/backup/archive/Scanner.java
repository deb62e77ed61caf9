package dev.hostkeep.backup.archive;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts, in the background, the files and bytes a backup will go through (metadata only, with the
 * same exclude patterns), so progress can show a share done and an estimate of the time left, as
 * restic's scanner does. An estimate only: files that change meanwhile are counted as they were.
 */
public final class Scanner implements AutoCloseable {
  private final AtomicLong files = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final Thread thread;
  private volatile boolean finished;
  private volatile boolean stopped;

  private Scanner(List<Path> paths, Excludes excludes) {
    Excludes.Matcher matcher = excludes.matcher();
    this.thread =
        Thread.ofPlatform()
            .daemon()
            .priority(Thread.MIN_PRIORITY)
            .name("hostkeep-scanner")
            .start(() -> scan(paths, matcher));
  }

  /** Starts counting {@code paths} on a thread of its own. */
  public static Scanner start(List<Path> paths, Excludes excludes) {
    return new Scanner(paths, excludes);
  }

  public long files() {
    return files.get();
  }

  public long bytes() {
    return bytes.get();
  }

  /** Whether every path has been counted. */
  public boolean finished() {
    return finished;
  }

  private void scan(List<Path> paths, Excludes.Matcher matcher) {
    FileVisitor<Path> visitor =
        new FileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            if (stopped) {
              return FileVisitResult.TERMINATE;
            }
            return matcher.excluded(dir) || matcher.cacheDir(dir)
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            if (!matcher.excluded(file)) {
              files.incrementAndGet();
              if (attributes.isRegularFile()) {
                bytes.addAndGet(attributes.size());
              }
            }
            return stopped ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) {
            return FileVisitResult.CONTINUE;
          }
        };
    for (Path path : paths) {
      try {
        Files.walkFileTree(
            path, EnumSet.noneOf(java.nio.file.FileVisitOption.class), Integer.MAX_VALUE, visitor);
      } catch (IOException | RuntimeException e) {
        // The backup itself reports what cannot be read; the estimate just stays lower.
      }
    }
    finished = true;
  }

  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
  }
}
