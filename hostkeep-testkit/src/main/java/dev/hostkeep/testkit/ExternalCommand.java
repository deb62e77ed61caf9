package dev.hostkeep.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short-lived tool (tsig-keygen, sqlite3, the mariadb client, nsupdate...) to completion and
 * captures what it printed. Servers are started with {@link ServerProcess} instead.
 */
final class ExternalCommand {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private ExternalCommand() {}

  /** What a finished command printed: {@code stdout} and {@code stderr} kept apart. */
  record Result(List<String> command, int exitCode, String stdout, String stderr) {
    boolean ok() {
      return exitCode == 0;
    }

    /** This result when the command succeeded; otherwise fails with everything it printed. */
    Result orFail() {
      if (!ok()) {
        throw new IllegalStateException(describe());
      }
      return this;
    }

    String describe() {
      return String.join(" ", command)
          + " exited with status "
          + exitCode
          + "\nstdout:\n"
          + stdout
          + "\nstderr:\n"
          + stderr;
    }
  }

  static Result run(Path workDir, List<String> command) {
    return run(workDir, command, "");
  }

  /** Runs {@code command} in {@code workDir} with {@code stdin} as its input. */
  static Result run(Path workDir, List<String> command, String stdin) {
    Process process = start(workDir, command);
    CompletableFuture<String> stdout = readAsync(process.getInputStream());
    CompletableFuture<String> stderr = readAsync(process.getErrorStream());
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // The tool may exit without reading its input; what it printed tells why.
    }
    try {
      if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            String.join(" ", command) + " did not finish within " + TIMEOUT);
      }
      return new Result(command, process.exitValue(), stdout.join(), stderr.join());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  private static Process start(Path workDir, List<String> command) {
    try {
      return new ProcessBuilder(command).directory(workDir.toFile()).start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + command, e);
    }
  }

  private static CompletableFuture<String> readAsync(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
          }
        },
        task -> Thread.ofVirtual().start(task));
  }
}
