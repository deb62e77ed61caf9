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
 * each write is its own transaction unless made inside {@link #inTransaction}. Times are kept to
 * the millisecond, from the {@link java.time.Clock} the store was opened with.
 *
 * <p>A store opened read-only ({@link StateStores#openReadOnly}) answers every read and throws
 * {@link IllegalStateException} from every write, {@link #lock} included.
 *
 * <p>The store never holds secrets: capabilities store identifiers and values, never credentials.
 */
public interface StateStore extends AutoCloseable {

  /** Where the state lives, for people ({@code sqlite:/var/lib/hostkeep/state.db}); no password. */
  String location();

  /** The schema version after migrations ran; 0 for read-only state that does not exist yet. */
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
   * Appends outcomes to the journal in order, as {@link #record(JournalEntry)} one by one would;
   * stores may send them in one batch. Inside {@link #inTransaction} they land together.
   */
  default void record(List<JournalEntry> entries) {
    entries.forEach(this::record);
  }

  /**
   * The newest journal entries of a capability (all capabilities when {@code null}), newest first:
   * in the order they were recorded, whatever their {@code at}. An entry without {@code at} gets
   * the store's current time.
   */
  List<JournalEntry> journal(String capability, int limit);

  /** Records that a run started; returns it with its id. */
  RunRecord startRun(String capability, String mode);

  /**
   * Records how a run ended: its finish time (now when {@code null}), result and counts.
   *
   * @throws IllegalArgumentException when no run has that id
   */
  void finishRun(RunRecord finished);

  /** The latest run of each capability, newest first. */
  List<RunRecord> latestRuns();

  /**
   * Takes the run lock of {@code name} (usually a capability), waiting up to {@code wait} for
   * another holder to release it. A lock whose holder process is gone (same host, PID no longer
   * alive) or whose lease was not renewed in time is taken over, so a killed process never needs a
   * manual unlock. While held, the lease is renewed in the background; the lease lasts a minute and
   * is renewed every 15 seconds. The lock excludes other threads of this process too: it is not
   * reentrant. {@code wait} is real time, polled with growing pauses.
   *
   * <p>Not allowed inside {@link #inTransaction}, which would hold the database while waiting.
   *
   * @throws LockBusyException when another live holder keeps the lock past {@code wait}
   */
  RunLock lock(String name, Duration wait);

  /** The locks held right now, for {@code hostkeep status}. */
  List<LockInfo> locks();

  /**
   * Runs {@code work} in one transaction: all its writes land together or not at all. An exception
   * thrown by {@code work} rolls everything back and is rethrown unchanged. The work must use the
   * store it is given, not this one (on SQLite its writes would fail, on PostgreSQL they would land
   * outside the transaction), and only while it runs.
   */
  <T> T inTransaction(TransactionWork<T> work);

  /** Releases the locks this store still holds and closes its connections. */
  @Override
  void close();

  /** Work done inside one transaction of the store. */
  @FunctionalInterface
  interface TransactionWork<T> {
    T run(StateStore transactional);
  }
}
