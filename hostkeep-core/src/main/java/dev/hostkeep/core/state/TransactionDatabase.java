package dev.hostkeep.core.state;

import java.sql.Connection;
import java.sql.SQLException;

/** The one connection of an open transaction; usable only until that transaction ends. */
final class TransactionDatabase implements Database {
  private final String location;
  private final Connection connection;
  private volatile boolean ended;

  TransactionDatabase(String location, Connection connection) {
    this.location = location;
    this.connection = connection;
  }

  @Override
  public <T> T read(SqlWork<T> work) {
    return write(work);
  }

  @Override
  public <T> T write(SqlWork<T> work) {
    if (ended) {
      throw new IllegalStateException("the transaction of this store view has ended");
    }
    try {
      return work.run(connection);
    } catch (SQLException e) {
      throw Database.failure(location, e);
    }
  }

  @Override
  public void close() {
    ended = true;
  }
}
