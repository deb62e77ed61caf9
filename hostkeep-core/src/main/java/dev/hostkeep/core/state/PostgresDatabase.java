package dev.hostkeep.core.state;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Properties;

/**
 * Connections to PostgreSQL, opened on demand and kept for reuse up to a few idle ones: hostkeep
 * makes a handful of calls at a time, so a pool library would be more moving parts than help. A
 * connection that failed is closed, not reused.
 */
final class PostgresDatabase implements Database {
  private static final int MAX_IDLE = 4;

  private final String location;
  private final String jdbcUrl;
  private final Properties properties;
  private final boolean readOnly;
  private final Deque<Connection> idle = new ArrayDeque<>();
  private boolean closed;

  PostgresDatabase(String location, String jdbcUrl, Properties properties, boolean readOnly) {
    this.location = location;
    this.jdbcUrl = jdbcUrl;
    this.properties = new Properties();
    this.properties.putAll(properties);
    if (readOnly) {
      // The driver's default applies read-only to explicit transactions only; reads autocommit.
      this.properties.setProperty("readOnlyMode", "always");
    }
    this.readOnly = readOnly;
  }

  @Override
  public <T> T read(SqlWork<T> work) {
    Connection connection = borrow();
    try {
      T result = work.run(connection);
      giveBack(connection);
      return result;
    } catch (SQLException e) {
      discard(connection);
      throw Database.failure(location, e);
    } catch (RuntimeException | Error e) {
      discard(connection);
      throw e;
    }
  }

  @Override
  public <T> T write(SqlWork<T> work) {
    Connection connection = borrow();
    try {
      connection.setAutoCommit(false);
      T result = work.run(connection);
      connection.commit();
      connection.setAutoCommit(true);
      giveBack(connection);
      return result;
    } catch (SQLException e) {
      discard(connection);
      throw Database.failure(location, e);
    } catch (RuntimeException | Error e) {
      // Closing an open transaction's connection rolls it back on the server.
      discard(connection);
      throw e;
    }
  }

  /** A connection, reused or new; fails with a retriable exception when the server is down. */
  Connection borrow() {
    synchronized (idle) {
      if (closed) {
        throw new IllegalStateException("state store closed: " + location);
      }
      Connection reused = idle.poll();
      if (reused != null) {
        return reused;
      }
    }
    try {
      Connection connection = DriverManager.getConnection(jdbcUrl, properties);
      connection.setReadOnly(readOnly);
      return connection;
    } catch (SQLException e) {
      throw Database.failure(location, e);
    }
  }

  private void giveBack(Connection connection) {
    synchronized (idle) {
      if (!closed && idle.size() < MAX_IDLE) {
        idle.push(connection);
        return;
      }
    }
    discard(connection);
  }

  private static void discard(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      // already broken; nothing to release
    }
  }

  @Override
  public void close() {
    synchronized (idle) {
      closed = true;
      idle.forEach(PostgresDatabase::discard);
      idle.clear();
    }
  }
}
