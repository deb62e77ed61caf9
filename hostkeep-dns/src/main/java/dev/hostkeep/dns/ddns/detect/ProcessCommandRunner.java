package dev.hostkeep.dns.ddns.detect;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a command as a child process. Only the first line of each stream is kept; the rest is read
 * and dropped, so a chatty command cannot block on a full pipe.
 */
final class ProcessCommandRunner implements CommandRunner {
  private static final int LINE_LIMIT = 4096;
  // A background child the command left behind may hold the pipe open after the command exits.
  private static final Duration AFTER_EXIT = Duration.ofSeconds(1);

  @Override
  public String firstLine(List<String> command, Duration timeout)
      throws IOException, InterruptedException {
    // The timeout counts from here: a slow fork is part of what the command costs.
    long deadline = System.nanoTime() + timeout.toNanos();
    Process process;
    try {
      process = new ProcessBuilder(command).start();
    } catch (IOException e) {
      throw new IOException("could not start " + command.getFirst() + ": " + e.getMessage(), e);
    }
    process.getOutputStream().close();
    CompletableFuture<String> out = firstLine(process.getInputStream());
    CompletableFuture<String> err = firstLine(process.getErrorStream());
    try {
      if (!process.waitFor(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
        throw new IOException("did not finish within " + Timeouts.text(timeout) + "; killed it");
      }
      if (process.exitValue() != 0) {
        String reason = await(err);
        throw new IOException(
            "exited with status " + process.exitValue() + (reason.isEmpty() ? "" : ": " + reason));
      }
      return await(out);
    } finally {
      process.destroyForcibly();
    }
  }

  private static String await(CompletableFuture<String> line) throws InterruptedException {
    try {
      return line.get(AFTER_EXIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return "";
    }
  }

  private static CompletableFuture<String> firstLine(InputStream stream) {
    CompletableFuture<String> line = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              ByteArrayOutputStream kept = new ByteArrayOutputStream();
              try (stream) {
                int b;
                while (kept.size() < LINE_LIMIT && (b = stream.read()) >= 0 && b != '\n') {
                  kept.write(b);
                }
                line.complete(kept.toString(StandardCharsets.UTF_8).strip());
                stream.transferTo(OutputStream.nullOutputStream());
              } catch (IOException e) {
                line.complete(kept.toString(StandardCharsets.UTF_8).strip());
              }
            });
    return line;
  }
}
