package dev.hostkeep.core.state;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A read-only store for state that does not exist yet (no file, or no schema): every read is empty,
 * every write refused. Opening it touches nothing.
 */
final class EmptyStateStore implements StateStore {
  private final String location;

  EmptyStateStore(String location) {
    this.location = location;
  }

  @Override
  public String location() {
    return location;
  }

  @Override
  public int schemaVersion() {
    return 0;
  }

  @Override
  public Optional<StoredRecord> get(RecordKey key) {
    return Optional.empty();
  }

  @Override
  public List<StoredRecord> list(String capability, String target) {
    return List.of();
  }

  @Override
  public void put(RecordKey key, String value) {
    throw readOnly();
  }

  @Override
  public boolean delete(RecordKey key) {
    throw readOnly();
  }

  @Override
  public void record(JournalEntry entry) {
    throw readOnly();
  }

  @Override
  public List<JournalEntry> journal(String capability, int limit) {
    return List.of();
  }

  @Override
  public RunRecord startRun(String capability, String mode) {
    throw readOnly();
  }

  @Override
  public void finishRun(RunRecord finished) {
    throw readOnly();
  }

  @Override
  public List<RunRecord> latestRuns() {
    return List.of();
  }

  @Override
  public RunLock lock(String name, Duration wait) {
    throw readOnly();
  }

  @Override
  public List<LockInfo> locks() {
    return List.of();
  }

  @Override
  public <T> T inTransaction(TransactionWork<T> work) {
    return work.run(this);
  }

  @Override
  public void close() {}

  private static IllegalStateException readOnly() {
    return new IllegalStateException("state opened read-only");
  }
}
