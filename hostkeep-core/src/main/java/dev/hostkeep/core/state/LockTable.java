package dev.hostkeep.core.state;

import static dev.hostkeep.core.state.Jdbc.instant;
import static dev.hostkeep.core.state.Jdbc.prepare;
import static dev.hostkeep.core.state.Jdbc.update;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code locks} table: one row per held run lock, with a token naming the acquisition so that a
 * holder renews and releases only its own lock, never one taken over from it.
 *
 * <p>Taking over relies on two things: the PID of a holder on this host can be checked (hosts
 * sharing the state must have distinct host names), and the hosts' clocks agree to well within the
 * lease timeout, since a holder writes its renewal time with its clock and others judge it with
 * theirs. A PID reused by an unrelated process makes the lock wait for its lease instead.
 */
final class LockTable {
  private static final Logger LOG = LoggerFactory.getLogger(LockTable.class);
  private static final String COLUMNS = "name, host, pid, acquired_at, renewed_at";

  private final Dialect dialect;
  private final LockHolder holder;
  private final LockLease lease;

  LockTable(Dialect dialect, LockHolder holder, LockLease lease) {
    this.dialect = dialect;
    this.holder = holder;
    this.lease = lease;
  }

  /**
   * Takes lock {@code name} for {@code token} inside the caller's write transaction; returns null
   * when taken, else the live holder.
   */
  LockInfo tryAcquire(Connection c, String name, String token, long now) throws SQLException {
    int inserted =
        update(
            c,
            "INSERT INTO locks (name, host, pid, token, acquired_at, renewed_at)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING",
            name,
            holder.host(),
            holder.pid(),
            token,
            now,
            now);
    if (inserted == 1) {
      return null;
    }
    LockInfo current = row(c, name);
    if (current == null) {
      return tryAcquire(c, name, token, now); // released between the two statements
    }
    String reason = takeOverReason(current, now);
    if (reason == null) {
      return current;
    }
    LOG.warn(
        "taking over run lock '{}' from process {} on {}: {}",
        name,
        current.pid(),
        current.host(),
        reason);
    update(
        c,
        "UPDATE locks SET host = ?, pid = ?, token = ?, acquired_at = ?, renewed_at = ?"
            + " WHERE name = ?",
        holder.host(),
        holder.pid(),
        token,
        now,
        now,
        name);
    return null;
  }

  /** Why the holder has lost its lock, or null when it still holds it. */
  private String takeOverReason(LockInfo current, long now) {
    if (new LockHolder(current.host(), current.pid()).isGoneFrom(holder.host())) {
      return "that process is no longer running";
    }
    if (current.renewedAt().plus(lease.timeout()).toEpochMilli() < now) {
      return "its lease, last renewed at " + current.renewedAt() + ", expired";
    }
    return null;
  }

  /** Renews the lease of {@code token}'s lock; false when the lock is no longer its. */
  static boolean renew(Connection c, String name, String token, long now) throws SQLException {
    return update(
            c, "UPDATE locks SET renewed_at = ? WHERE name = ? AND token = ?", now, name, token)
        == 1;
  }

  static void release(Connection c, String name, String token) throws SQLException {
    update(c, "DELETE FROM locks WHERE name = ? AND token = ?", name, token);
  }

  static List<LockInfo> all(Connection c) throws SQLException {
    try (PreparedStatement select = prepare(c, "SELECT " + COLUMNS + " FROM locks ORDER BY name");
        ResultSet rows = select.executeQuery()) {
      List<LockInfo> locks = new ArrayList<>();
      while (rows.next()) {
        locks.add(info(rows));
      }
      return locks;
    }
  }

  private LockInfo row(Connection c, String name) throws SQLException {
    try (PreparedStatement select =
            prepare(
                c, "SELECT " + COLUMNS + " FROM locks WHERE name = ?" + dialect.forUpdate, name);
        ResultSet rows = select.executeQuery()) {
      return rows.next() ? info(rows) : null;
    }
  }

  private static LockInfo info(ResultSet rows) throws SQLException {
    return new LockInfo(
        rows.getString(1), rows.getString(2), rows.getLong(3), instant(rows, 4), instant(rows, 5));
  }
}
