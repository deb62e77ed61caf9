package dev.hostkeep.core.state;

import dev.hostkeep.core.HostkeepException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings a state database to the schema this build knows, one numbered script at a time. The
 * scripts live in {@code /dev/hostkeep/core/state/<dialect>/V<n>__<description>.sql}; every dialect
 * has every script. All pending scripts run in one transaction under the database's write lock
 * (SQLite: {@code BEGIN IMMEDIATE}; PostgreSQL: an advisory transaction lock), so processes
 * starting together apply each script exactly once, and a failed script leaves the schema as it
 * was.
 */
final class Migrations {
  /** The scripts in order; version n is the n-th. Add new ones at the end, never edit old ones. */
  static final List<String> SCRIPTS = List.of("V1__init");

  /** Any constant works, as long as every hostkeep uses the same one. */
  private static final long ADVISORY_LOCK_KEY = 0x686f73746b656570L; // "hostkeep"

  private static final String CREATE_VERSION_TABLE =
      "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
          + " description TEXT NOT NULL, applied_at BIGINT NOT NULL)";

  private Migrations() {}

  static int latestKnown() {
    return SCRIPTS.size();
  }

  /**
   * Applies the pending scripts; returns the schema version, which is then {@link #latestKnown}.
   */
  static int migrate(Database database, Dialect dialect, String location, Clock clock) {
    return database.write(
        connection -> {
          if (dialect == Dialect.POSTGRESQL) {
            try (PreparedStatement lock =
                connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
              lock.setLong(1, ADVISORY_LOCK_KEY);
              lock.execute();
            }
          }
          try (Statement statement = connection.createStatement()) {
            statement.execute(CREATE_VERSION_TABLE);
          }
          int current = refuseNewer(versionOf(connection), location);
          for (int version = current + 1; version <= latestKnown(); version++) {
            apply(connection, dialect, version, clock);
          }
          return latestKnown();
        });
  }

  /** The schema version of a database, 0 when it has none yet; reads only. */
  static int currentVersion(Connection connection, Dialect dialect) throws SQLException {
    String exists =
        dialect == Dialect.SQLITE
            ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
            : "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"
                + " AND tablename = 'schema_version'";
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(exists)) {
      rows.next();
      if (rows.getInt(1) == 0) {
        return 0;
      }
    }
    return versionOf(connection);
  }

  /** Fails when the database was written by a newer hostkeep, whose schema this one cannot read. */
  static int refuseNewer(int version, String location) {
    if (version > latestKnown()) {
      throw new HostkeepException(
          "state at "
              + location
              + " has schema version "
              + version
              + "; this hostkeep knows up to "
              + latestKnown()
              + ": upgrade hostkeep");
    }
    return version;
  }

  private static int versionOf(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private static void apply(Connection connection, Dialect dialect, int version, Clock clock)
      throws SQLException {
    String name = SCRIPTS.get(version - 1);
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements(script(dialect, name))) {
        statement.execute(sql);
      }
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
      insert.setInt(1, version);
      insert.setString(2, name);
      insert.setLong(3, clock.millis());
      insert.executeUpdate();
    }
  }

  static String script(Dialect dialect, String name) {
    String resource = "/dev/hostkeep/core/state/" + dialect.scripts + "/" + name + ".sql";
    try (InputStream in = Migrations.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("migration script missing from the build: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Splits a script into statements: our scripts keep no ';' inside literals or comments. */
  static List<String> statements(String script) {
    StringBuilder code = new StringBuilder();
    for (String line : script.split("\n")) {
      if (!line.strip().startsWith("--")) {
        code.append(line).append('\n');
      }
    }
    List<String> statements = new ArrayList<>();
    for (String statement : code.toString().split(";")) {
      if (!statement.isBlank()) {
        statements.add(statement.strip());
      }
    }
    return statements;
  }
}
