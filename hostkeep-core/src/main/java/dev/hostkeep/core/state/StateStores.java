package dev.hostkeep.core.state;

import com.sun.security.auth.module.UnixSystem;
import dev.hostkeep.core.ExitCode;
import dev.hostkeep.core.HostkeepException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;

/**
 * Opens state stores. A location ("spec") is {@code sqlite:/path/state.db}, a plain path (SQLite
 * too), or {@code postgresql://user:password@host:port/database?params} ({@code postgres://} is
 * accepted). The password reaches the driver only: it is never in {@link StateStore#location()},
 * messages or logs.
 */
public final class StateStores {
  private StateStores() {}

  /**
   * Opens the state for reading and writing, creating it (SQLite: the file, and its folders with
   * mode 0700) and bringing its schema up to date.
   *
   * @throws HostkeepException when the location is malformed (exit code 2), the database cannot be
   *     reached (retriable) or written, or its schema is newer than this hostkeep knows
   */
  public static StateStore open(String spec, Clock clock) {
    return open(StateSpec.parse(spec), clock, LockHolder.current(), LockLease.DEFAULT);
  }

  /**
   * Loads and initialises the SQLite driver's Java side, so that a thread can do it while the main
   * thread is still reading the config: its connection settings set up a date format, which reads
   * the locale's calendar data. Opens no file and loads no native code.
   */
  public static void warmUp() {
    SqliteDatabase.warmUp();
  }

  /**
   * Opens the state without any side effect, for {@code hostkeep plan}: nothing is created or
   * migrated, and every write method (and {@link StateStore#lock}) throws {@link
   * IllegalStateException}. State that does not exist yet (no file, no schema) reads as empty.
   * State with an older schema is read as it is: what this build's queries can read is returned,
   * the rest fails; with only schema 1 so far, that case cannot arise yet. A newer schema is
   * refused.
   */
  public static StateStore openReadOnly(String spec, Clock clock) {
    StateSpec parsed = StateSpec.parse(spec);
    if (parsed.dialect() == Dialect.SQLITE && !Files.exists(parsed.sqlitePath())) {
      return new EmptyStateStore(parsed.location());
    }
    Database database = connect(parsed, true);
    try {
      int version =
          Migrations.refuseNewer(
              database.read(c -> Migrations.currentVersion(c, parsed.dialect())),
              parsed.location());
      if (version == 0) {
        database.close();
        return new EmptyStateStore(parsed.location());
      }
      return new JdbcStateStore(
          parsed.location(),
          parsed.dialect(),
          database,
          clock,
          LockHolder.current(),
          LockLease.DEFAULT,
          version,
          true,
          false);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /**
   * Where the state lives when the config does not say: {@code /var/lib/hostkeep/state.db} for
   * root, else {@code $XDG_STATE_HOME/hostkeep/state.db}, else {@code
   * ~/.local/state/hostkeep/state.db}.
   */
  public static Path defaultLocation() {
    return defaultLocation(uid(), System.getenv(), Path.of(System.getProperty("user.home")));
  }

  static Path defaultLocation(long uid, Map<String, String> env, Path home) {
    if (uid == 0) {
      return Path.of("/var/lib/hostkeep/state.db");
    }
    String xdg = env.get("XDG_STATE_HOME");
    Path base =
        xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".local/state");
    return base.resolve("hostkeep/state.db");
  }

  private static long uid() {
    try {
      return new UnixSystem().getUid();
    } catch (RuntimeException | LinkageError e) {
      return "root".equals(System.getProperty("user.name")) ? 0 : -1;
    }
  }

  /** Opens with the lock holder and lease given; tests use it to play other processes. */
  static StateStore open(StateSpec spec, Clock clock, LockHolder holder, LockLease lease) {
    if (spec.dialect() == Dialect.SQLITE) {
      createFile(spec);
    }
    Database database = connect(spec, false);
    try {
      int version = Migrations.migrate(database, spec.dialect(), spec.location(), clock);
      return new JdbcStateStore(
          spec.location(), spec.dialect(), database, clock, holder, lease, version, false, false);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  // The folders are private to the user: the state tells what hosts and zones exist.
  private static void createFile(StateSpec spec) {
    Path file = spec.sqlitePath();
    try {
      Files.createDirectories(
          file.getParent(),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      if (!Files.exists(file)) {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
    } catch (IOException | UnsupportedOperationException e) {
      if (!Files.isRegularFile(file)) { // not made by another process just now
        throw new HostkeepException(
            "cannot create the state file "
                + spec.location()
                + " ("
                + e
                + "); make its folder writable by this user or set 'state:' in the config",
            e);
      }
    }
  }

  private static Database connect(StateSpec spec, boolean readOnly) {
    if (spec.dialect() == Dialect.POSTGRESQL) {
      PostgresDatabase database =
          new PostgresDatabase(spec.location(), spec.jdbcUrl(), spec.properties(), readOnly);
      // Connect now, so an unreachable server fails the open rather than the first query.
      database.read(c -> c.isValid(5));
      return database;
    }
    try {
      return SqliteDatabase.open(spec.location(), spec.sqlitePath(), readOnly);
    } catch (SQLException e) {
      throw new HostkeepException(
          ExitCode.FAILURE,
          false,
          "cannot open the state file " + spec.location() + ": " + e.getMessage(),
          e);
    }
  }
}
