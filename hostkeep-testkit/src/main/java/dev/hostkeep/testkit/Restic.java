package dev.hostkeep.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code restic} program, run against a repository folder as the oracle for hostkeep's
 * repository format: what it checks, lists and restores is what a user would get.
 */
public final class Restic {
  private final Path binary;
  private final String repository;
  private final String password;
  private final Path cache;
  private final Map<String, String> environment;

  private Restic(
      Path binary,
      String repository,
      String password,
      Path cache,
      Map<String, String> environment) {
    this.binary = binary;
    this.repository = repository;
    this.password = password;
    this.cache = cache;
    this.environment = Map.copyOf(environment);
  }

  /** restic for the repository at {@code repository}; skips or fails (CI) when not installed. */
  public static Restic at(Path repository, String password) {
    return new Restic(
        Binaries.require("restic"),
        repository.toString(),
        password,
        repository.resolveSibling(".restic-cache"),
        Map.of());
  }

  /**
   * restic for a repository URL ({@code s3:http://...}, {@code sftp:...}) with {@code environment}
   * added (e.g. {@code AWS_ACCESS_KEY_ID}), caching in {@code cache}.
   */
  public static Restic remote(
      String url, String password, Path cache, Map<String, String> environment) {
    return new Restic(Binaries.require("restic"), url, password, cache, environment);
  }

  /** What one restic run printed. */
  public record Result(List<String> command, int exitCode, String stdout, String stderr) {
    public Result orFail() {
      if (exitCode != 0) {
        throw new AssertionError(
            String.join(" ", command) + " exited with " + exitCode + "\n" + stdout + "\n" + stderr);
      }
      return this;
    }
  }

  /** Runs {@code restic ARGS} with the repository and password in its environment. */
  public Result run(String... args) {
    return run(new byte[0], args);
  }

  public Result run(byte[] stdin, String... args) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    builder.environment().put("RESTIC_REPOSITORY", repository);
    builder.environment().put("RESTIC_PASSWORD", password);
    builder.environment().put("RESTIC_CACHE_DIR", cache.toString());
    try {
      Process process = builder.start();
      CompletableFuture<String> out = read(process.getInputStream());
      CompletableFuture<String> err = read(process.getErrorStream());
      try (var in = process.getOutputStream()) {
        in.write(stdin);
      } catch (IOException e) {
        // restic may not read its input; what it printed says why.
      }
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish in 5 minutes");
      }
      return new Result(command, process.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static CompletableFuture<String> read(java.io.InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            return "";
          }
        });
  }
}
