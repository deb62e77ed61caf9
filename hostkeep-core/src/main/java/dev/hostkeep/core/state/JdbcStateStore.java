package dev.hostkeep.core.state;

import static dev.hostkeep.core.state.Jdbc.instant;
import static dev.hostkeep.core.state.Jdbc.prepare;

import dev.hostkeep.core.JsonText;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state store on SQLite or PostgreSQL. The same class serves as the view handed to {@link
 * #inTransaction} work: then its {@link Database} is the one open transaction.
 */
final class JdbcStateStore implements StateStore {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcStateStore.class);
  private static final Duration FIRST_PAUSE = Duration.ofMillis(20);
  private static final Duration LONGEST_PAUSE = Duration.ofMillis(500);
  private static final String INSERT_JOURNAL =
      "INSERT INTO journal (run_id, capability, target, action, kind, key, outcome, attempts,"
          + " message, at) SELECT CAST(? AS BIGINT), CAST(? AS TEXT), CAST(? AS TEXT),"
          + " CAST(? AS TEXT), CAST(? AS TEXT), value, CAST(? AS TEXT), CAST(? AS INTEGER),"
          + " CAST(? AS TEXT), CAST(? AS BIGINT) FROM ";

  private final String location;
  private final Dialect dialect;
  private final Database database;
  private final Clock clock;
  private final LockHolder holder;
  private final LockLease lease;
  private final int schemaVersion;
  private final boolean readOnly;
  private final boolean transactional;
  private final LockTable locks;
  private final Set<JdbcRunLock> held = ConcurrentHashMap.newKeySet();

  JdbcStateStore(
      String location,
      Dialect dialect,
      Database database,
      Clock clock,
      LockHolder holder,
      LockLease lease,
      int schemaVersion,
      boolean readOnly,
      boolean transactional) {
    this.location = location;
    this.dialect = dialect;
    this.database = database;
    this.clock = clock;
    this.holder = holder;
    this.lease = lease;
    this.schemaVersion = schemaVersion;
    this.readOnly = readOnly;
    this.transactional = transactional;
    this.locks = new LockTable(dialect, holder, lease);
  }

  @Override
  public String location() {
    return location;
  }

  @Override
  public int schemaVersion() {
    return schemaVersion;
  }

  @Override
  public Optional<StoredRecord> get(RecordKey key) {
    return database.read(
        c -> {
          try (PreparedStatement select =
                  prepare(
                      c,
                      "SELECT value, updated_at FROM records"
                          + " WHERE capability = ? AND target = ? AND key = ?",
                      key.capability(),
                      key.target(),
                      key.key());
              ResultSet rows = select.executeQuery()) {
            return rows.next()
                ? Optional.of(new StoredRecord(key, rows.getString(1), instant(rows, 2)))
                : Optional.empty();
          }
        });
  }

  @Override
  public List<StoredRecord> list(String capability, String target) {
    return database.read(
        c -> {
          try (PreparedStatement select =
                  prepare(
                      c,
                      "SELECT key, value, updated_at FROM records"
                          + " WHERE capability = ? AND target = ? ORDER BY key",
                      capability,
                      target);
              ResultSet rows = select.executeQuery()) {
            List<StoredRecord> records = new ArrayList<>();
            while (rows.next()) {
              RecordKey key = new RecordKey(capability, target, rows.getString(1));
              records.add(new StoredRecord(key, rows.getString(2), instant(rows, 3)));
            }
            return records;
          }
        });
  }

  @Override
  public void put(RecordKey key, String value) {
    update(
        "INSERT INTO records (capability, target, key, value, updated_at) VALUES (?, ?, ?, ?, ?)"
            + " ON CONFLICT (capability, target, key)"
            + " DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        key.capability(),
        key.target(),
        key.key(),
        value,
        clock.millis());
  }

  @Override
  public boolean delete(RecordKey key) {
    return update(
            "DELETE FROM records WHERE capability = ? AND target = ? AND key = ?",
            key.capability(),
            key.target(),
            key.key())
        > 0;
  }

  @Override
  public void record(JournalEntry e) {
    record(List.of(e));
  }

  /**
   * Entries that differ only in their key (a batch's outcomes) go in with one statement, their keys
   * bound as one JSON array that the database takes apart: 10,000 outcomes of a catalog update cost
   * one bind and one step, not 100,000 binds and 10,000 steps (which took longer than the update
   * they recorded). The order of {@code entries} is kept.
   */
  @Override
  public void record(List<JournalEntry> entries) {
    requireWritable();
    database.write(
        c -> {
          for (int from = 0, to; from < entries.size(); from = to) {
            JournalEntry first = entries.get(from);
            to = from + 1;
            while (to < entries.size() && sameButKey(first, entries.get(to))) {
              to++;
            }
            StringBuilder keys = new StringBuilder((to - from) * 24).append('[');
            for (JournalEntry e : entries.subList(from, to)) {
              JsonText.append(keys.length() == 1 ? keys : keys.append(','), e.key());
            }
            Jdbc.update(
                c,
                INSERT_JOURNAL + dialect.jsonStrings,
                first.runId(),
                first.capability(),
                first.target(),
                first.action(),
                first.kind(),
                first.outcome().name(),
                first.attempts(),
                first.message(),
                (first.at() == null ? clock.instant() : first.at()).toEpochMilli(),
                keys.append(']').toString());
          }
          return null;
        });
  }

  private static boolean sameButKey(JournalEntry a, JournalEntry b) {
    return a.runId() == b.runId()
        && a.capability().equals(b.capability())
        && Objects.equals(a.target(), b.target())
        && Objects.equals(a.action(), b.action())
        && Objects.equals(a.kind(), b.kind())
        && a.outcome() == b.outcome()
        && a.attempts() == b.attempts()
        && Objects.equals(a.message(), b.message())
        && Objects.equals(a.at(), b.at());
  }

  @Override
  public List<JournalEntry> journal(String capability, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("journal limit must not be negative: " + limit);
    }
    String sql =
        "SELECT run_id, capability, target, action, kind, key, outcome, attempts, message, at"
            + " FROM journal"
            + (capability == null ? "" : " WHERE capability = ?")
            + " ORDER BY id DESC LIMIT ?";
    Object[] args = capability == null ? new Object[] {limit} : new Object[] {capability, limit};
    return database.read(
        c -> {
          try (PreparedStatement select = prepare(c, sql, args);
              ResultSet rows = select.executeQuery()) {
            List<JournalEntry> entries = new ArrayList<>();
            while (rows.next()) {
              entries.add(
                  new JournalEntry(
                      rows.getLong(1),
                      rows.getString(2),
                      rows.getString(3),
                      rows.getString(4),
                      rows.getString(5),
                      rows.getString(6),
                      JournalEntry.Outcome.valueOf(rows.getString(7)),
                      rows.getInt(8),
                      rows.getString(9),
                      instant(rows, 10)));
            }
            return entries;
          }
        });
  }

  @Override
  public RunRecord startRun(String capability, String mode) {
    requireWritable();
    Instant now = clock.instant();
    long id =
        database.write(
            c -> {
              try (PreparedStatement insert =
                      prepare(
                          c,
                          "INSERT INTO runs (capability, mode, host, pid, started_at)"
                              + " VALUES (?, ?, ?, ?, ?) RETURNING id",
                          capability,
                          mode,
                          holder.host(),
                          holder.pid(),
                          now.toEpochMilli());
                  ResultSet rows = insert.executeQuery()) {
                rows.next();
                return rows.getLong(1);
              }
            });
    return new RunRecord(
        id, capability, mode, holder.host(), holder.pid(), millis(now), null, null, 0, 0);
  }

  @Override
  public void finishRun(RunRecord run) {
    int updated =
        update(
            "UPDATE runs SET finished_at = ?, result = ?, applied = ?, failed = ? WHERE id = ?",
            run.finishedAt() == null ? clock.millis() : run.finishedAt().toEpochMilli(),
            run.result(),
            run.applied(),
            run.failed(),
            run.id());
    if (updated == 0) {
      throw new IllegalArgumentException("no run " + run.id() + " in state at " + location);
    }
  }

  @Override
  public List<RunRecord> latestRuns() {
    return database.read(
        c -> {
          try (PreparedStatement select =
                  prepare(
                      c,
                      "SELECT id, capability, mode, host, pid, started_at, finished_at, result,"
                          + " applied, failed FROM runs r"
                          + " WHERE id = (SELECT max(id) FROM runs WHERE capability = r.capability)"
                          + " ORDER BY id DESC");
              ResultSet rows = select.executeQuery()) {
            List<RunRecord> runs = new ArrayList<>();
            while (rows.next()) {
              runs.add(
                  new RunRecord(
                      rows.getLong(1),
                      rows.getString(2),
                      rows.getString(3),
                      rows.getString(4),
                      rows.getLong(5),
                      instant(rows, 6),
                      instant(rows, 7),
                      rows.getString(8),
                      rows.getInt(9),
                      rows.getInt(10)));
            }
            return runs;
          }
        });
  }

  @Override
  public RunLock lock(String name, Duration wait) {
    requireWritable();
    if (transactional) {
      throw new IllegalStateException("take run locks before inTransaction, not inside it");
    }
    long deadline = System.nanoTime() + wait.toNanos();
    Duration pause = FIRST_PAUSE;
    while (true) {
      String token = newToken();
      LockInfo busy = database.write(c -> locks.tryAcquire(c, name, token, clock.millis()));
      if (busy == null) {
        JdbcRunLock lock = new JdbcRunLock(name, token, this, lease.renewEvery());
        held.add(lock);
        return lock;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new LockBusyException(busy);
      }
      sleep(Math.min(pause.toNanos(), left));
      pause =
          pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0
              ? LONGEST_PAUSE
              : pause.multipliedBy(2);
    }
  }

  /**
   * A token for one lock acquisition. It only has to differ from every other acquisition of the
   * same lock, so it is random without SecureRandom, whose set-up (the security providers, a seed
   * from the kernel) cost every run a few milliseconds.
   */
  private static String newToken() {
    Random random = new Random();
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  /** Renews a held lock's lease; false when it is no longer ours. */
  boolean renew(String name, String token) {
    requireWritable();
    return database.write(c -> LockTable.renew(c, name, token, clock.millis()));
  }

  void release(JdbcRunLock lock, String token) {
    held.remove(lock);
    database.write(
        c -> {
          LockTable.release(c, lock.name(), token);
          return null;
        });
  }

  @Override
  public List<LockInfo> locks() {
    return database.read(LockTable::all);
  }

  @Override
  public <T> T inTransaction(TransactionWork<T> work) {
    if (transactional || readOnly) {
      return work.run(this);
    }
    return database.write(
        c -> {
          TransactionDatabase open = new TransactionDatabase(location, c);
          try {
            return work.run(
                new JdbcStateStore(
                    location, dialect, open, clock, holder, lease, schemaVersion, false, true));
          } finally {
            open.close();
          }
        });
  }

  @Override
  public void close() {
    if (transactional) {
      return;
    }
    for (JdbcRunLock lock : List.copyOf(held)) {
      try {
        lock.close();
      } catch (RuntimeException e) {
        LOG.warn("could not release run lock '{}' while closing {}", lock.name(), location, e);
      }
    }
    database.close();
  }

  private int update(String sql, Object... args) {
    requireWritable();
    return database.write(c -> Jdbc.update(c, sql, args));
  }

  private void requireWritable() {
    if (readOnly) {
      throw new IllegalStateException("state opened read-only");
    }
  }

  /** Times are stored in milliseconds; values handed back match what a later read returns. */
  private static Instant millis(Instant instant) {
    return Instant.ofEpochMilli(instant.toEpochMilli());
  }

  private static void sleep(long nanos) {
    try {
      Thread.sleep(Duration.ofNanos(nanos));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a run lock", e);
    }
  }
}
