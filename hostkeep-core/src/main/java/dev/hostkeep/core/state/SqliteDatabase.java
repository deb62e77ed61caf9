package dev.hostkeep.core.state;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.JDBC;
import org.sqlite.SQLiteConfig;

/**
 * One SQLite connection for the whole process, used by one thread at a time. Other processes are
 * kept out by SQLite's own locking: writes start with {@code BEGIN IMMEDIATE}, which takes the
 * write lock up front (a deferred transaction that reads first could not upgrade without a busy
 * error), and {@code busy_timeout} waits for it. WAL mode lets readers go on while one writes.
 */
final class SqliteDatabase implements Database {
  static final int BUSY_TIMEOUT_MILLIS = 15_000;

  private final String location;
  private final Connection connection;
  private final ReentrantLock guard = new ReentrantLock();

  private SqliteDatabase(String location, Connection connection) {
    this.location = location;
    this.connection = connection;
  }

  static void warmUp() {
    new SQLiteConfig().newConnectionConfig();
  }

  /** Opens {@code path}, creating it unless {@code readOnly}; writable opens use WAL mode. */
  static SqliteDatabase open(String location, Path path, boolean readOnly) throws SQLException {
    SqliteNativeLibrary.prepare();
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(readOnly);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    String url = "jdbc:sqlite:" + (readOnly ? readOnlyUri(path) : path.toString());
    // The driver itself, not DriverManager, which would first load and start every JDBC driver on
    // the class path (PostgreSQL's among them) on each start.
    Connection connection = JDBC.createConnection(url, config.toProperties());
    if (!readOnly) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA journal_mode=WAL");
        // NORMAL in WAL mode: a power cut may lose the last commits, never corrupt the file.
        statement.execute("PRAGMA synchronous=NORMAL");
      } catch (SQLException e) {
        connection.close();
        throw e;
      }
    }
    return new SqliteDatabase(location, connection);
  }

  /**
   * A read-only connection to a WAL database needs its -wal and -shm files, and creates them when
   * no writer has the database open; it cannot delete them afterwards, and files made by another
   * user (root running {@code plan}) could lock the real writer out. So without a writer the file
   * is opened {@code immutable}: no files, no locks. The price: a writer that starts and
   * checkpoints during that read could show it a half-written page (an error or a stale value in a
   * plan, never a change to the state).
   */
  private static String readOnlyUri(Path path) {
    Path wal = path.resolveSibling(path.getFileName() + "-wal");
    Path shm = path.resolveSibling(path.getFileName() + "-shm");
    boolean writerPresent = Files.exists(wal) && Files.exists(shm);
    return path.toUri() + (writerPresent ? "?mode=ro" : "?mode=ro&immutable=1");
  }

  @Override
  public <T> T read(SqlWork<T> work) {
    guard.lock();
    try {
      return work.run(connection);
    } catch (SQLException e) {
      throw Database.failure(location, e);
    } finally {
      guard.unlock();
    }
  }

  @Override
  public <T> T write(SqlWork<T> work) {
    guard.lock();
    try {
      execute("BEGIN IMMEDIATE");
      try {
        T result = work.run(connection);
        execute("COMMIT");
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        rollback(e);
        throw e;
      }
    } catch (SQLException e) {
      throw Database.failure(location, e);
    } finally {
      guard.unlock();
    }
  }

  private void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private void rollback(Throwable cause) {
    try {
      if (!connection.isClosed()) {
        execute("ROLLBACK");
      }
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  @Override
  public void close() {
    guard.lock();
    try {
      connection.close();
    } catch (SQLException e) {
      throw Database.failure(location, e);
    } finally {
      guard.unlock();
    }
  }
}
