package dev.hostkeep.testkit;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL 15 server on 127.0.0.1 at a free port, with trust authentication for user
 * {@code postgres}. Its data lives in its own folder under the system temp folder, owned by the
 * {@code postgres} user when run as root (initdb refuses root; JUnit's {@code @TempDir} is private
 * to root, so the server cannot use one). {@link #close()} stops it and deletes that folder.
 * Durability is off (fsync), which is fine for tests and makes them fast.
 */
public final class PostgresServer implements AutoCloseable {
  private static final long STEP_TIMEOUT_SECONDS = 60;

  private final Path dir;
  private final Path pgCtl;
  private final int port;
  private final boolean asPostgres;

  private PostgresServer(Path dir, Path pgCtl, int port, boolean asPostgres) {
    this.dir = dir;
    this.pgCtl = pgCtl;
    this.port = port;
    this.asPostgres = asPostgres;
  }

  /**
   * Initializes and starts a server; skips the test when PostgreSQL is not installed (fails on CI).
   */
  public static PostgresServer start() {
    Path initdb = Binaries.require("initdb");
    Path pgCtl = Binaries.require("pg_ctl");
    boolean asPostgres = new UnixSystem().getUid() == 0;
    if (asPostgres) {
      Binaries.require("runuser");
    }
    Path dir = createDir(asPostgres);
    PostgresServer server = new PostgresServer(dir, pgCtl, FreePorts.next(), asPostgres);
    try {
      server.run(
          List.of(
              initdb.toString(),
              "-D",
              dir.resolve("data").toString(),
              "-A",
              "trust",
              "-U",
              "postgres",
              "-E",
              "UTF8",
              "--locale=C",
              "--no-sync"));
      server.run(
          List.of(
              pgCtl.toString(),
              "-D",
              dir.resolve("data").toString(),
              "-o",
              "-p "
                  + server.port
                  + " -k "
                  + dir
                  + " -c listen_addresses=127.0.0.1 -c fsync=off"
                  + " -c synchronous_commit=off -c full_page_writes=off",
              "-l",
              dir.resolve("server.log").toString(),
              "-w",
              "-t",
              "60",
              "start"));
      Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  public int port() {
    return port;
  }

  /** The JDBC URL of {@code database}; connect as user {@code postgres}, no password. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** The URL of {@code database} in hostkeep's config form. */
  public String url(String database) {
    return "postgresql://postgres@127.0.0.1:" + port + "/" + database;
  }

  /** Creates an empty database named {@code name} (letters, digits and '_'). */
  public void createDatabase(String name) {
    if (!name.matches("[A-Za-z0-9_]+")) {
      throw new IllegalArgumentException("database name must be letters, digits, '_': " + name);
    }
    Path psql = Binaries.require("psql");
    exec(
        List.of(
            psql.toString(),
            "-X",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-h",
            "127.0.0.1",
            "-p",
            String.valueOf(port),
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-c",
            "CREATE DATABASE " + name));
  }

  /** The server's log, for failure messages. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(dir.resolve("server.log"), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    stop();
    deleteTree(dir);
  }

  private synchronized void stop() {
    Path data = dir.resolve("data");
    if (!Files.exists(data.resolve("postmaster.pid"))) {
      return;
    }
    try {
      run(List.of(pgCtl.toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"));
    } catch (RuntimeException e) {
      // pg_ctl failed: stop the postmaster by the PID it wrote.
      try {
        long pid =
            Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
        ServerProcess.stopPid(pid);
      } catch (IOException | RuntimeException again) {
        e.addSuppressed(again);
      }
    }
  }

  /** Runs a PostgreSQL tool as the user the server runs as. */
  private void run(List<String> command) {
    List<String> full = new ArrayList<>();
    if (asPostgres) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    exec(full);
  }

  private void exec(List<String> command) {
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("timed out: " + command);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "failed with status "
                + process.exitValue()
                + ": "
                + command
                + "\n"
                + new String(output, StandardCharsets.UTF_8)
                + "\nserver log:\n"
                + logTail());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + command, e);
    }
  }

  private static Path createDir(boolean asPostgres) {
    try {
      Path dir = Files.createTempDirectory("hostkeep-postgres-");
      if (asPostgres) {
        UserPrincipal postgres =
            dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
        Files.setOwner(dir, postgres);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("could not make a folder for PostgreSQL", e);
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      System.err.println("[hostkeep-testkit] could not delete " + dir + ": " + e);
    }
  }
}
