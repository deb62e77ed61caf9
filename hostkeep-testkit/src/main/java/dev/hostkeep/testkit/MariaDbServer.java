package dev.hostkeep.testkit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A throwaway MariaDB 10.11 on a free 127.0.0.1 port with its own data folder and socket, all in
 * one temp folder; no option file of the machine is read ({@code --no-defaults}).
 *
 * <p>User {@code root} has an empty password and may log in over TCP from 127.0.0.1 or over the
 * socket. {@link #start} returns once {@code mariadb-admin ping} succeeds over the socket.
 */
public final class MariaDbServer implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofSeconds(60);
  private static final String USER = "root";
  private static final int MAX_SOCKET_PATH = 107;

  private final ServerProcess process;
  private final int port;
  private final Path socket;
  private final Path client;

  private MariaDbServer(ServerProcess process, int port, Path socket, Path client) {
    this.process = process;
    this.port = port;
    this.socket = socket;
    this.client = client;
  }

  /** Initialises a data folder in {@code dir} and starts mariadbd on it. */
  public static MariaDbServer start(Path dir) {
    Path installDb = Binaries.require("mariadb-install-db");
    Path mariadbd = Binaries.require("mariadbd");
    Path admin = Binaries.require("mariadb-admin");
    Path client = Binaries.require("mariadb");
    Path home = dir.toAbsolutePath();
    Path data = home.resolve("data");
    Path socket = home.resolve("mariadb.sock");
    if (socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
      throw new IllegalArgumentException(
          "MariaDB's socket path "
              + socket
              + " is longer than the "
              + MAX_SOCKET_PATH
              + " bytes Unix sockets allow; start it in a shorter temp folder");
    }
    ExternalCommand.run(
            home,
            List.of(
                installDb.toString(),
                "--no-defaults",
                "--datadir=" + data,
                "--user=root",
                "--auth-root-authentication-method=normal",
                "--skip-test-db",
                "--skip-name-resolve"))
        .orFail();
    int port = FreePorts.next();
    ServerProcess process =
        ServerProcess.start("mariadbd", serverCommand(mariadbd, home, port), home, Map.of());
    process.awaitReady(STARTUP, () -> Files.exists(socket) && ping(admin, home, socket));
    return new MariaDbServer(process, port, socket, client);
  }

  private static List<String> serverCommand(Path mariadbd, Path home, int port) {
    return List.of(
        mariadbd.toString(),
        "--no-defaults",
        "--datadir=" + home.resolve("data"),
        "--socket=" + home.resolve("mariadb.sock"),
        "--pid-file=" + home.resolve("mariadbd.pid"),
        "--tmpdir=" + home,
        "--port=" + port,
        "--bind-address=127.0.0.1",
        "--user=root",
        "--skip-name-resolve",
        "--innodb-buffer-pool-size=32M");
  }

  private static boolean ping(Path admin, Path home, Path socket) {
    return ExternalCommand.run(
            home,
            List.of(
                admin.toString(), "--no-defaults", "--socket=" + socket, "--user=" + USER, "ping"))
        .ok();
  }

  /** The TCP port on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** The Unix socket the server listens on. */
  public Path socket() {
    return socket;
  }

  /** The administrator, {@code root}. */
  public String user() {
    return USER;
  }

  /** The administrator's password: empty. */
  public String password() {
    return "";
  }

  /** A JDBC URL for {@code database} over TCP ({@code sslMode=disable}: the server has no TLS). */
  public String jdbcUrl(String database) {
    return "jdbc:mariadb://127.0.0.1:" + port + "/" + database + "?user=root&sslMode=disable";
  }

  /**
   * Runs {@code statements} with the {@code mariadb} client as root over the socket and returns
   * what it printed: rows as tab-separated lines, without column names. Fails with the client's
   * error message when a statement fails.
   */
  public String sql(String statements) {
    List<String> command =
        List.of(
            client.toString(),
            "--no-defaults",
            "--socket=" + socket,
            "--user=" + USER,
            "--batch",
            "--skip-column-names");
    return ExternalCommand.run(socket.getParent(), command, statements).orFail().stdout();
  }

  public long pid() {
    return process.pid();
  }

  /** The tail of mariadbd's log, for failure messages. */
  public String logTail() {
    return process.logTail();
  }

  /** Stops mariadbd by PID (a clean shutdown on TERM) and waits until it has exited. */
  @Override
  public void close() {
    process.close();
  }
}
