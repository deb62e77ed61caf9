package dev.hostkeep.core.state;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What hostkeep remembers between runs: small records a capability keeps about its targets (the
 * last address written, a provider's record id), the journal of what each target confirmed, the
 * runs, and the run locks that keep two hostkeep processes from working on the same capability at
 * once.
 *
 * <p>Implementations: SQLite (the default, one file) and PostgreSQL (for several nodes). Both pass
 * the same contract suite. Every method is safe to call from several threads and several processes;
 * each write is its own transaction unless made inside {@link #inTransaction}.
 *
 * <p>The store never holds secrets: capabilities store identifiers and values, never credentials.
 */
public interface StateStore extends AutoCloseable {

  /** Where the state lives, for people ({@code sqlite:/var/lib/hostkeep/state.db}); no password. */
  String location();

  /** The schema version after migrations ran. */
  int schemaVersion();

  /** One remembered record, if present. */
  Optional<StoredRecord> get(RecordKey key);

  /** All records of one capability and target, ordered by key. */
  List<StoredRecord> list(String capability, String target);

  /** Creates or replaces a record. */
  void put(RecordKey key, String value);

  /** Removes a record; returns whether it existed. */
  boolean delete(RecordKey key);

  /** Appends one outcome to the journal. */
  void record(JournalEntry entry);

  /**
   * The newest journal entries of a capability (all capabilities when {@code null}), newest first.
   */
  List<JournalEntry> journal(String capability, int limit);

  /** Records that a run started; returns it with its id. */
  RunRecord startRun(String capability, String mode);

  /** Records how a run ended. */
  void finishRun(RunRecord finished);

  /** The latest run of each capability, newest first. */
  List<RunRecord> latestRuns();

  /**
   * Takes the run lock of {@code name} (usually a capability), waiting up to {@code wait} for
   * another holder to release it. A lock whose holder process is gone (same host, PID no longer
   * alive) or whose lease was not renewed in time is taken over, so a killed process never needs a
   * manual unlock.
   *
   * @throws LockBusyException when another live holder keeps the lock past {@code wait}
   */
  RunLock lock(String name, Duration wait);

  /** The locks held right now, for {@code hostkeep status}. */
  List<LockInfo> locks();

  /** Runs {@code work} in one transaction: all its writes land together or not at all. */
  <T> T inTransaction(TransactionWork<T> work);

  @Override
  void close();

  /** Work done inside one transaction of the store. */
  @FunctionalInterface
  interface TransactionWork<T> {
    T run(StateStore transactional);
  }
}
