package dev.hostkeep.core.engine;

import dev.hostkeep.core.state.JournalEntry;
import dev.hostkeep.core.state.LockBusyException;
import dev.hostkeep.core.state.LockInfo;
import dev.hostkeep.core.state.RecordKey;
import dev.hostkeep.core.state.RunLock;
import dev.hostkeep.core.state.RunRecord;
import dev.hostkeep.core.state.StateStore;
import dev.hostkeep.core.state.StoredRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link StateStore} in memory for engine tests: records, journal, runs, and run locks that
 * really exclude other holders (waiting up to the given time, then {@link LockBusyException}).
 * {@link #readOnly()} gives a view whose writes fail, as {@code hostkeep plan} must see it.
 */
final class InMemoryStateStore implements StateStore {
  private final Clock clock;
  private final Map<RecordKey, StoredRecord> records =
      new TreeMap<>(
          Comparator.comparing(RecordKey::capability)
              .thenComparing(RecordKey::target)
              .thenComparing(RecordKey::key));
  private final List<JournalEntry> journal = new ArrayList<>();
  private final Map<Long, RunRecord> runs = new LinkedHashMap<>();
  private final Map<String, Semaphore> lockSlots = new LinkedHashMap<>();
  private final Map<String, LockInfo> holders = new LinkedHashMap<>();
  private long nextRunId = 1;
  private RuntimeException recordFailure;

  InMemoryStateStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String location() {
    return "memory:";
  }

  @Override
  public int schemaVersion() {
    return 1;
  }

  @Override
  public synchronized Optional<StoredRecord> get(RecordKey key) {
    return Optional.ofNullable(records.get(key));
  }

  @Override
  public synchronized List<StoredRecord> list(String capability, String target) {
    return records.values().stream()
        .filter(r -> r.key().capability().equals(capability) && r.key().target().equals(target))
        .toList();
  }

  @Override
  public synchronized void put(RecordKey key, String value) {
    records.put(key, new StoredRecord(key, value, clock.instant()));
  }

  @Override
  public synchronized boolean delete(RecordKey key) {
    return records.remove(key) != null;
  }

  @Override
  public synchronized void record(JournalEntry entry) {
    if (recordFailure != null) {
      throw recordFailure;
    }
    journal.add(entry);
  }

  /** Makes every later {@link #record} fail with {@code failure}, as a full disk would. */
  synchronized void failRecords(RuntimeException failure) {
    this.recordFailure = failure;
  }

  @Override
  public synchronized List<JournalEntry> journal(String capability, int limit) {
    List<JournalEntry> newestFirst = new ArrayList<>(journal).reversed();
    return newestFirst.stream()
        .filter(e -> capability == null || e.capability().equals(capability))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized RunRecord startRun(String capability, String mode) {
    RunRecord run =
        new RunRecord(
            nextRunId++,
            capability,
            mode,
            "test-host",
            ProcessHandle.current().pid(),
            clock.instant(),
            null,
            null,
            0,
            0);
    runs.put(run.id(), run);
    return run;
  }

  @Override
  public synchronized void finishRun(RunRecord finished) {
    if (!runs.containsKey(finished.id())) {
      throw new IllegalStateException("no run " + finished.id());
    }
    runs.put(finished.id(), finished);
  }

  @Override
  public synchronized List<RunRecord> latestRuns() {
    Map<String, RunRecord> latest = new LinkedHashMap<>();
    runs.values().forEach(run -> latest.put(run.capability(), run));
    return latest.values().stream()
        .sorted(Comparator.comparingLong(RunRecord::id).reversed())
        .toList();
  }

  /** Every run, oldest first. */
  synchronized List<RunRecord> runs() {
    return List.copyOf(runs.values());
  }

  @Override
  public RunLock lock(String name, Duration wait) {
    Semaphore slot;
    synchronized (this) {
      slot = lockSlots.computeIfAbsent(name, n -> new Semaphore(1));
    }
    boolean acquired;
    try {
      acquired = slot.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      acquired = false;
    }
    synchronized (this) {
      if (!acquired) {
        throw new LockBusyException(holders.get(name));
      }
      holders.put(
          name,
          new LockInfo(
              name, "test-host", ProcessHandle.current().pid(), clock.instant(), clock.instant()));
    }
    AtomicBoolean released = new AtomicBoolean();
    return new RunLock() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void close() {
        if (released.compareAndSet(false, true)) {
          synchronized (InMemoryStateStore.this) {
            holders.remove(name);
          }
          slot.release();
        }
      }
    };
  }

  @Override
  public synchronized List<LockInfo> locks() {
    return List.copyOf(holders.values());
  }

  @Override
  public synchronized <T> T inTransaction(TransactionWork<T> work) {
    Map<RecordKey, StoredRecord> recordsBefore = new LinkedHashMap<>(records);
    int journalBefore = journal.size();
    try {
      return work.run(this);
    } catch (RuntimeException e) {
      records.clear();
      records.putAll(recordsBefore);
      journal.subList(journalBefore, journal.size()).clear();
      throw e;
    }
  }

  @Override
  public void close() {}

  /** A view that reads this store and fails on every write. */
  StateStore readOnly() {
    InMemoryStateStore store = this;
    return new StateStore() {
      @Override
      public String location() {
        return store.location();
      }

      @Override
      public int schemaVersion() {
        return store.schemaVersion();
      }

      @Override
      public Optional<StoredRecord> get(RecordKey key) {
        return store.get(key);
      }

      @Override
      public List<StoredRecord> list(String capability, String target) {
        return store.list(capability, target);
      }

      @Override
      public void put(RecordKey key, String value) {
        throw readOnlyWrite();
      }

      @Override
      public boolean delete(RecordKey key) {
        throw readOnlyWrite();
      }

      @Override
      public void record(JournalEntry entry) {
        throw readOnlyWrite();
      }

      @Override
      public List<JournalEntry> journal(String capability, int limit) {
        return store.journal(capability, limit);
      }

      @Override
      public RunRecord startRun(String capability, String mode) {
        throw readOnlyWrite();
      }

      @Override
      public void finishRun(RunRecord finished) {
        throw readOnlyWrite();
      }

      @Override
      public List<RunRecord> latestRuns() {
        return store.latestRuns();
      }

      @Override
      public RunLock lock(String name, Duration wait) {
        throw readOnlyWrite();
      }

      @Override
      public List<LockInfo> locks() {
        return store.locks();
      }

      @Override
      public <T> T inTransaction(TransactionWork<T> work) {
        return work.run(this);
      }

      @Override
      public void close() {}
    };
  }

  private static IllegalStateException readOnlyWrite() {
    return new IllegalStateException("state opened read-only");
  }
}
