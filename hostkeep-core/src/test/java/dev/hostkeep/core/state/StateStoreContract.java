package dev.hostkeep.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.state.JournalEntry.Outcome;
import dev.hostkeep.testkit.FakeClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link StateStore} must do; run against SQLite and PostgreSQL by subclasses. */
@SuppressWarnings("try") // locks held only for their scope
abstract class StateStoreContract {
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  final FakeClock clock = FakeClock.atEpoch2026();
  private final List<StateStore> opened = new ArrayList<>();
  @TempDir Path workerDir;
  String spec;
  StateStore store;

  /** The location of fresh, empty state that nothing has opened yet. */
  abstract String newSpec();

  /** A plain JDBC connection to the state at {@code spec}, bypassing the store. */
  abstract Connection rawConnection(String spec) throws SQLException;

  @BeforeEach
  void openStore() {
    spec = newSpec();
    store = open(spec);
  }

  @AfterEach
  void closeStores() {
    opened.reversed().forEach(StateStore::close);
  }

  StateStore open(String location) {
    return track(StateStores.open(location, clock));
  }

  StateStore openReadOnly(String location) {
    return track(StateStores.openReadOnly(location, clock));
  }

  /** A second store on the same state, taking locks as another process would. */
  StateStore openAs(LockHolder holder) {
    return openAs(holder, LockLease.DEFAULT);
  }

  StateStore openAs(LockHolder holder, LockLease lease) {
    return track(StateStores.open(StateSpec.parse(spec), clock, holder, lease));
  }

  private StateStore track(StateStore opened) {
    this.opened.add(opened);
    return opened;
  }

  void execute(String location, String sql) throws SQLException {
    try (Connection c = rawConnection(location);
        Statement statement = c.createStatement()) {
      statement.execute(sql);
    }
  }

  long queryLong(String location, String sql) throws SQLException {
    try (Connection c = rawConnection(location);
        Statement statement = c.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  static RecordKey key(String key) {
    return new RecordKey("ddns", "home.example.net", key);
  }

  static JournalEntry entry(String capability, String key) {
    return new JournalEntry(
        7, capability, "zone-a", "create", "A", key, Outcome.APPLIED, 1, "ok", START);
  }

  // --- records

  @Test
  void putGetListDelete() {
    store.put(key("b"), "2");
    store.put(key("a"), "1");
    store.put(new RecordKey("ddns", "other-target", "a"), "x");

    assertThat(store.get(key("a"))).contains(new StoredRecord(key("a"), "1", START));
    assertThat(store.get(key("missing"))).isEmpty();
    assertThat(store.list("ddns", "home.example.net"))
        .extracting(StoredRecord::value)
        .containsExactly("1", "2");

    assertThat(store.delete(key("a"))).isTrue();
    assertThat(store.delete(key("a"))).isFalse();
    assertThat(store.get(key("a"))).isEmpty();
    assertThat(store.list("ddns", "home.example.net"))
        .extracting(r -> r.key().key())
        .containsExactly("b");
  }

  @Test
  void putReplacesValueAndTime() {
    store.put(key("a"), "1");
    clock.advance(Duration.ofMinutes(5));
    store.put(key("a"), "2");

    assertThat(store.get(key("a")))
        .contains(new StoredRecord(key("a"), "2", START.plus(Duration.ofMinutes(5))));
    assertThat(store.list("ddns", "home.example.net")).hasSize(1);
  }

  // --- journal and runs

  @Test
  void journalIsNewestFirstAndLimited() {
    for (int i = 0; i < 5; i++) {
      store.record(entry("ddns", "k" + i));
    }
    store.record(entry("backup", "b0"));

    assertThat(store.journal("ddns", 3))
        .extracting(JournalEntry::key)
        .containsExactly("k4", "k3", "k2");
    assertThat(store.journal(null, 2)).extracting(JournalEntry::key).containsExactly("b0", "k4");
    assertThat(store.journal("ddns", 10).getFirst()).isEqualTo(entry("ddns", "k4"));
    assertThat(store.journal("nothing", 10)).isEmpty();
  }

  @Test
  void aBatchOfEntriesKeepsEveryValueAndItsOrder() {
    List<String> keys =
        List.of("plain", "quo\"te", "back\\slash", "new\nline", "tab\t\u0001", "zoné.例え", "");
    List<JournalEntry> batch = new ArrayList<>();
    for (String key : keys) {
      batch.add(entry("replicate", key));
    }
    JournalEntry failed =
        new JournalEntry(
            7, "replicate", null, "delete", null, null, Outcome.FAILED, 3, null, START);
    batch.add(failed);
    batch.add(entry("replicate", "after"));

    store.record(batch);

    List<JournalEntry> newestFirst = new ArrayList<>(batch);
    java.util.Collections.reverse(newestFirst);
    assertThat(store.journal("replicate", 100)).containsExactlyElementsOf(newestFirst);
  }

  @Test
  void runsStartFinishAndLatestPerCapability() {
    RunRecord first = store.startRun("ddns", "apply");
    clock.advance(Duration.ofSeconds(3));
    RunRecord backup = store.startRun("backup", "apply");
    RunRecord second = store.startRun("ddns", "plan");
    store.finishRun(second.finished(clock.instant(), "ok", 2, 1));

    assertThat(first.id()).isLessThan(backup.id()).isLessThan(second.id());
    assertThat(first.pid()).isEqualTo(ProcessHandle.current().pid());
    assertThat(store.latestRuns())
        .containsExactly(
            second.finished(START.plusSeconds(3), "ok", 2, 1),
            new RunRecord(
                backup.id(),
                "backup",
                "apply",
                backup.host(),
                backup.pid(),
                START.plusSeconds(3),
                null,
                null,
                0,
                0));
  }

  // --- transactions

  @Test
  void inTransactionCommitsAllWrites() {
    long runId =
        store.inTransaction(
            tx -> {
              tx.put(key("a"), "1");
              tx.record(entry("ddns", "k"));
              assertThat(tx.get(key("a"))).isPresent();
              return tx.startRun("ddns", "apply").id();
            });

    assertThat(store.get(key("a"))).isPresent();
    assertThat(store.journal("ddns", 10)).hasSize(1);
    assertThat(store.latestRuns()).extracting(RunRecord::id).containsExactly(runId);
  }

  @Test
  void exceptionInsideTransactionRollsBackEveryWrite() {
    store.put(key("kept"), "before");
    RuntimeException boom = new IllegalStateException("boom");

    assertThatThrownBy(
            () ->
                store.inTransaction(
                    tx -> {
                      tx.put(key("a"), "1");
                      tx.put(key("kept"), "changed");
                      assertThat(tx.delete(key("kept"))).isTrue();
                      tx.record(entry("ddns", "k"));
                      tx.startRun("ddns", "apply");
                      throw boom;
                    }))
        .isSameAs(boom);

    assertThat(store.get(key("a"))).isEmpty();
    assertThat(store.get(key("kept"))).map(StoredRecord::value).contains("before");
    assertThat(store.journal(null, 10)).isEmpty();
    assertThat(store.latestRuns()).isEmpty();
    store.put(key("after"), "works"); // the store is usable after a rollback
    assertThat(store.get(key("after"))).isPresent();
  }

  // --- run locks

  @Test
  void secondAcquireWaitsThenFailsNamingTheHolder() {
    try (RunLock held = store.lock("ddns", Duration.ZERO)) {
      long started = System.nanoTime();
      assertThatThrownBy(() -> store.lock("ddns", Duration.ofMillis(300)))
          .isInstanceOf(LockBusyException.class)
          .hasMessageContaining("'ddns' is being run by process " + ProcessHandle.current().pid())
          .hasMessageContaining(LockHolder.current().host())
          .satisfies(e -> assertThat(((HostkeepException) e).retriable()).isTrue());
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .isGreaterThanOrEqualTo(Duration.ofMillis(300));
      assertThat(store.lock("other", Duration.ZERO).name()).isEqualTo("other");
    }
  }

  @Test
  void releaseThenAcquireAgain() {
    RunLock first = store.lock("ddns", Duration.ZERO);
    first.close();
    first.close(); // twice does nothing

    try (RunLock second = store.lock("ddns", Duration.ZERO)) {
      assertThat(store.locks()).extracting(LockInfo::name).containsExactly("ddns");
    }
    assertThat(store.locks()).isEmpty();
  }

  @Test
  void lockOfDeadProcessOnThisHostIsTakenOver() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    StateStore ghost = openAs(new LockHolder(LockHolder.current().host(), gone.pid()));
    RunLock stale = ghost.lock("ddns", Duration.ZERO);

    try (RunLock taken = store.lock("ddns", Duration.ZERO)) {
      assertThat(store.locks())
          .singleElement()
          .extracting(LockInfo::pid)
          .isEqualTo(ProcessHandle.current().pid());
      stale.close(); // the old holder coming back must not release the new holder's lock
      assertThat(store.locks()).hasSize(1);
    }
  }

  @Test
  void lockOfLiveHolderElsewhereIsTakenOverOnlyAfterItsLeaseExpires() {
    StateStore elsewhere = openAs(new LockHolder("other-node", 4242));
    elsewhere.lock("ddns", Duration.ZERO);

    clock.advance(Duration.ofSeconds(59));
    assertThatThrownBy(() -> store.lock("ddns", Duration.ZERO))
        .isInstanceOf(LockBusyException.class)
        .hasMessageContaining("process 4242 on other-node since 2026-01-01T00:00:00Z");

    clock.advance(Duration.ofSeconds(2));
    try (RunLock taken = store.lock("ddns", Duration.ZERO)) {
      assertThat(store.locks())
          .containsExactly(
              new LockInfo(
                  "ddns",
                  LockHolder.current().host(),
                  ProcessHandle.current().pid(),
                  clock.instant(),
                  clock.instant()));
    }
  }

  @Test
  void renewedLeaseKeepsTheLockPastTheTimeout() throws InterruptedException {
    LockLease quickRenewal = new LockLease(Duration.ofSeconds(60), Duration.ofMillis(20));
    StateStore elsewhere = openAs(new LockHolder("other-node", 4242), quickRenewal);
    elsewhere.lock("ddns", Duration.ZERO);

    clock.advance(Duration.ofSeconds(61));
    // Waits for the renewer thread to run, not for time to pass: the clock is fake.
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!store.locks().getFirst().renewedAt().equals(clock.instant())
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }

    assertThat(store.locks().getFirst().renewedAt()).isEqualTo(clock.instant());
    assertThatThrownBy(() -> store.lock("ddns", Duration.ZERO))
        .isInstanceOf(LockBusyException.class);
  }

  @Test
  void locksListsTheHolders() {
    StateStore elsewhere = openAs(new LockHolder("other-node", 4242));
    try (RunLock a = store.lock("ddns", Duration.ZERO);
        RunLock b = elsewhere.lock("backup", Duration.ZERO)) {
      assertThat(store.locks())
          .containsExactly(
              new LockInfo("backup", "other-node", 4242, START, START),
              new LockInfo(
                  "ddns",
                  LockHolder.current().host(),
                  ProcessHandle.current().pid(),
                  START,
                  START));
    }
  }

  // --- schema

  @Test
  void openingTwiceMigratesOnce() throws SQLException {
    store.put(key("a"), "1");
    store.close();

    StateStore again = open(spec);
    assertThat(again.schemaVersion()).isEqualTo(Migrations.latestKnown());
    assertThat(again.get(key("a"))).isPresent();
    assertThat(queryLong(spec, "SELECT count(*) FROM schema_version"))
        .isEqualTo(Migrations.latestKnown());
  }

  @Test
  void newerSchemaIsRefused() throws SQLException {
    execute(
        spec, "INSERT INTO schema_version (version, description, applied_at) VALUES (5, 'x', 0)");
    String expected =
        "state at "
            + store.location()
            + " has schema version 5; this hostkeep knows up to "
            + Migrations.latestKnown()
            + ": upgrade hostkeep";

    assertThatThrownBy(() -> open(spec)).isInstanceOf(HostkeepException.class).hasMessage(expected);
    assertThatThrownBy(() -> openReadOnly(spec)).hasMessage(expected);
  }

  // --- read-only

  @Test
  void readOnlyReadsAndRefusesEveryWrite() {
    store.put(key("a"), "1");
    store.record(entry("ddns", "k"));
    RunRecord run = store.startRun("ddns", "apply");
    StateStore readOnly = openReadOnly(spec);

    assertThat(readOnly.location()).isEqualTo(store.location());
    assertThat(readOnly.schemaVersion()).isEqualTo(Migrations.latestKnown());
    assertThat(readOnly.get(key("a"))).isPresent();
    assertThat(readOnly.list("ddns", "home.example.net")).hasSize(1);
    assertThat(readOnly.journal(null, 5)).hasSize(1);
    assertThat(readOnly.latestRuns()).hasSize(1);
    assertThat(readOnly.locks()).isEmpty();
    List<Runnable> writes =
        List.of(
            () -> readOnly.put(key("b"), "2"),
            () -> readOnly.delete(key("a")),
            () -> readOnly.record(entry("ddns", "k2")),
            () -> readOnly.startRun("ddns", "apply"),
            () -> readOnly.finishRun(run.finished(START, "ok", 0, 0)),
            () -> readOnly.lock("ddns", Duration.ZERO),
            () ->
                readOnly.inTransaction(
                    tx -> {
                      tx.put(key("c"), "3");
                      return null;
                    }));
    for (Runnable write : writes) {
      assertThatThrownBy(write::run)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("state opened read-only");
    }
    assertThat(store.get(key("b"))).isEmpty();
    assertThat(store.get(key("a"))).isPresent();
  }

  @Test
  void readOnlyOnStateNeverOpenedReadsEmpty() {
    StateStore readOnly = openReadOnly(newSpec());

    assertThat(readOnly.schemaVersion()).isZero();
    assertThat(readOnly.get(key("a"))).isEmpty();
    assertThat(readOnly.list("ddns", "x")).isEmpty();
    assertThat(readOnly.journal(null, 10)).isEmpty();
    assertThat(readOnly.latestRuns()).isEmpty();
    assertThat(readOnly.locks()).isEmpty();
    assertThatThrownBy(() -> readOnly.put(key("a"), "1")).hasMessage("state opened read-only");
  }

  // --- two processes

  @Test
  void twoProcessesCountingUnderTheLockLoseNothing() throws Exception {
    String shared = newSpec(); // fresh: both processes also race to create and migrate it
    int iterations = 200;
    Process one = launch("one", "count", shared, String.valueOf(iterations), "one");
    Process two = launch("two", "count", shared, String.valueOf(iterations), "two");
    awaitSuccess(one, "one");
    awaitSuccess(two, "two");

    StateStore after = open(shared);
    assertThat(after.get(StateWorker.COUNTER)).map(StoredRecord::value).contains("400");
    List<JournalEntry> journal = after.journal(StateWorker.COUNTER.capability(), 1000);
    Set<String> keys = new HashSet<>();
    journal.forEach(e -> keys.add(e.key()));
    assertThat(journal).hasSize(2 * iterations);
    assertThat(keys).hasSize(2 * iterations).contains("one-0", "one-199", "two-0", "two-199");
    assertThat(queryLong(shared, "SELECT count(*) FROM schema_version"))
        .isEqualTo(Migrations.latestKnown());
    assertThat(after.locks()).isEmpty();
  }

  @Test
  void holderKilledWithSigkillDoesNotBlockTheNextAcquirer() throws Exception {
    Process holder = launch("holder", "hold", spec);
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.equals("LOCKED")) {
        // logging of the child before it holds the lock
      }
      assertThat(line).as("child output; log: %s", log("holder")).isEqualTo("LOCKED");
    }
    assertThat(store.locks()).extracting(LockInfo::pid).containsExactly(holder.pid());
    holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

    long started = System.nanoTime();
    try (RunLock lock = store.lock("held", Duration.ofSeconds(5))) {
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
      assertThat(store.locks())
          .extracting(LockInfo::pid)
          .containsExactly(ProcessHandle.current().pid());
    }
  }

  private Process launch(String name, String... args) throws IOException {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-Xshare:auto",
                "-cp",
                System.getProperty("java.class.path"),
                StateWorker.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(workerDir.resolve(name + ".log").toFile());
    if (!args[0].equals("hold")) {
      builder.redirectOutput(workerDir.resolve(name + ".out").toFile());
    }
    return builder.start();
  }

  private void awaitSuccess(Process process, String name) throws Exception {
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    assertThat(process.exitValue()).as("exit status of %s; log:%n%s", name, log(name)).isZero();
  }

  private String log(String name) {
    try {
      return Files.readString(workerDir.resolve(name + ".log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
