package dev.hostkeep.dns.secondary.catalog;

import dev.hostkeep.core.HostkeepException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the command that makes the primary load a rewritten catalog zone file. */
final class CatalogReload {
  private static final int OUTPUT_LIMIT = 2_000;

  private CatalogReload() {}

  /** Runs {@code command} in {@code dir}; throws with its output unless it exits 0 in time. */
  static void run(List<String> command, Duration timeout, Path dir) {
    Path log;
    Process process;
    try {
      // Output goes to a file, so a command that prints much or never closes stdout cannot block.
      log = Files.createTempFile("hostkeep-reload", ".log");
      process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
    } catch (IOException e) {
      throw new HostkeepException(
          "cannot start reload command " + command + ": " + e.getMessage(), e);
    }
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw HostkeepException.retriable(
            "reload command " + command + " did not finish within " + timeout, null);
      }
      if (process.exitValue() != 0) {
        throw HostkeepException.retriable(
            "reload command "
                + command
                + " exited with status "
                + process.exitValue()
                + ": "
                + output(log),
            null);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new HostkeepException("interrupted while running " + command, e);
    } finally {
      try {
        Files.deleteIfExists(log);
      } catch (IOException ignored) {
        // a leftover temp file
      }
    }
  }

  private static String output(Path log) {
    try {
      String text = Files.readString(log, StandardCharsets.UTF_8).strip();
      return text.length() <= OUTPUT_LIMIT ? text : text.substring(0, OUTPUT_LIMIT) + "...";
    } catch (IOException e) {
      return "(output unreadable: " + e.getMessage() + ")";
    }
  }
}
