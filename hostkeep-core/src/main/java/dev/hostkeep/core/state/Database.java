package dev.hostkeep.core.state;

import dev.hostkeep.core.ExitCode;
import dev.hostkeep.core.HostkeepException;
import java.sql.SQLException;

/**
 * Connections to one state database. {@link #write} runs its work in one transaction that holds the
 * database's write lock (SQLite: {@code BEGIN IMMEDIATE}); {@link #read} runs it as it comes.
 * Failures come out as {@link HostkeepException}s naming the location; an exception thrown by the
 * work rolls the transaction back and comes out unchanged.
 */
interface Database extends AutoCloseable {
  <T> T read(SqlWork<T> work);

  <T> T write(SqlWork<T> work);

  @Override
  void close();

  /** The exception for a failed statement: retriable when the database was busy or unreachable. */
  static HostkeepException failure(String location, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    boolean retriable =
        state.startsWith("08") // connection exceptions
            || state.startsWith("57P") // server shutting down or starting
            || state.equals("40001") // serialization failure
            || state.equals("40P01") // deadlock
            || message.contains("SQLITE_BUSY")
            || message.contains("SQLITE_LOCKED");
    return new HostkeepException(
        ExitCode.FAILURE, retriable, "state at " + location + ": " + message, e);
  }
}
