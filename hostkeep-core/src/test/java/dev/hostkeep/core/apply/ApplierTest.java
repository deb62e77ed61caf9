package dev.hostkeep.core.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostkeep.core.ExitCode;
import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.plan.Change;
import dev.hostkeep.core.plan.GuardPolicy;
import dev.hostkeep.core.plan.Plan;
import dev.hostkeep.core.plan.TargetPlan;
import dev.hostkeep.core.state.JournalEntry.Outcome;
import dev.hostkeep.testkit.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ApplierTest {
  private static final ApplySettings FAST =
      new ApplySettings(4, Duration.ZERO, 4, Duration.ofSeconds(1), Duration.ofSeconds(30));

  private final FakeClock clock = FakeClock.atEpoch2026();
  private final RecordingSleeper sleeper = new RecordingSleeper(clock);
  private final List<ChangeOutcome> heard = new CopyOnWriteArrayList<>();

  private Applier applier(long seed) {
    return new Applier(clock, sleeper, new Random(seed));
  }

  private static List<Change> creates(String target, int count) {
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      changes.add(Change.create(target, "zone", "z" + i + ".example", "new", i));
    }
    return changes;
  }

  private static Plan plan(List<Change> changes) {
    Map<String, List<Change>> byTarget = new java.util.LinkedHashMap<>();
    changes.forEach(c -> byTarget.computeIfAbsent(c.target(), t -> new ArrayList<>()).add(c));
    List<TargetPlan> targets = new ArrayList<>();
    byTarget.forEach((t, c) -> targets.add(new TargetPlan(t, 0, c, GuardPolicy.DEFAULT)));
    return new Plan("test", targets, List.of());
  }

  private ApplyReport apply(Plan plan, Function<String, TargetExecutor> executors) {
    return applier(1).apply(plan, executors, heard::add);
  }

  private static TargetExecutor executor(ApplySettings settings, Executor body) {
    return new TargetExecutor() {
      @Override
      public void apply(Change change) throws Exception {
        body.apply(change);
      }

      @Override
      public ApplySettings settings() {
        return settings;
      }
    };
  }

  @FunctionalInterface
  private interface Executor {
    void apply(Change change) throws Exception;
  }

  @Test
  void changesOfOneTargetNeverExceedItsConcurrency() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger max = new AtomicInteger();
    CountDownLatch full = new CountDownLatch(3);
    TargetExecutor executor =
        executor(
            FAST.withConcurrency(3),
            change -> {
              max.accumulateAndGet(running.incrementAndGet(), Math::max);
              full.countDown();
              // Hold the slot until three run at once, so the maximum is reached if allowed.
              full.await(5, TimeUnit.SECONDS);
              Thread.yield();
              running.decrementAndGet();
            });

    ApplyReport report = apply(plan(creates("api", 30)), target -> executor);

    assertThat(max.get()).isEqualTo(3);
    assertThat(report.count(Outcome.APPLIED)).isEqualTo(30);
    assertThat(report.exitCode()).isEqualTo(ExitCode.OK);
  }

  @Test
  void pacingSpacesCallStartsOnTheClock() {
    List<Instant> starts = new CopyOnWriteArrayList<>();
    TargetExecutor executor =
        executor(
            FAST.withConcurrency(1).withPace(Duration.ofMillis(250)),
            change -> starts.add(clock.instant()));
    Instant t0 = clock.instant();

    apply(plan(creates("api", 4)), target -> executor);

    assertThat(starts)
        .containsExactly(t0, t0.plusMillis(250), t0.plusMillis(500), t0.plusMillis(750));
  }

  @Test
  void pacingHoldsAcrossConcurrentCalls() {
    FakeClock frozen = FakeClock.atEpoch2026();
    List<Duration> waits = new CopyOnWriteArrayList<>();
    Applier applier = new Applier(frozen, waits::add, new Random(1));
    TargetExecutor executor =
        executor(FAST.withConcurrency(4).withPace(Duration.ofSeconds(1)), c -> {});

    applier.apply(plan(creates("api", 6)), target -> executor, o -> {});

    // With time standing still each call must be given its own slot, one second after the last.
    List<Duration> sorted = new ArrayList<>(waits);
    Collections.sort(sorted);
    assertThat(sorted)
        .containsExactly(
            Duration.ZERO,
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(3),
            Duration.ofSeconds(4),
            Duration.ofSeconds(5));
  }

  @Test
  void retriableFailureIsRetriedWithExponentialBackoffThenFails() {
    AtomicInteger calls = new AtomicInteger();
    TargetExecutor executor =
        executor(
            FAST,
            change -> {
              calls.incrementAndGet();
              throw HostkeepException.retriable("503 from api.example.net", null);
            });

    ApplyReport report = applier(42).apply(plan(creates("api", 1)), target -> executor, heard::add);

    Random expected = new Random(42);
    List<Duration> backoff = new ArrayList<>();
    for (long exponential : new long[] {1000, 2000, 4000}) {
      backoff.add(
          Duration.ofMillis(
              exponential / 2 + (long) (expected.nextDouble() * (exponential / 2.0))));
    }
    assertThat(sleeper.waits()).isEqualTo(backoff);
    assertThat(backoff.get(0)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
    assertThat(backoff.get(2)).isBetween(Duration.ofMillis(2000), Duration.ofMillis(4000));
    assertThat(calls).hasValue(4);
    assertThat(report.outcomes())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.outcome()).isEqualTo(Outcome.FAILED);
              assertThat(o.attempts()).isEqualTo(4);
              assertThat(o.message()).isEqualTo("503 from api.example.net");
            });
    assertThat(report.exitCode()).isEqualTo(ExitCode.FAILURE);
  }

  @Test
  void backoffStopsGrowingAtTheMaximum() {
    ApplySettings settings =
        new ApplySettings(1, Duration.ZERO, 30, Duration.ofSeconds(1), Duration.ofSeconds(30));
    HostkeepException e = HostkeepException.retriable("timeout", null);
    Applier applier = applier(7);

    assertThat(applier.delay(e, 25, settings))
        .isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30));
    assertThat(applier.delay(e, 64, settings))
        .isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30));
  }

  @Test
  void throttledFailureWaitsExactlyWhatTheTargetAskedFor() {
    AtomicInteger calls = new AtomicInteger();
    TargetExecutor executor =
        executor(
            FAST,
            change -> {
              if (calls.incrementAndGet() == 1) {
                throw HostkeepException.throttled("429 slow down", Duration.ofSeconds(7));
              }
            });

    ApplyReport report = apply(plan(creates("api", 1)), target -> executor);

    assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(7));
    assertThat(report.outcomes().getFirst().outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(report.outcomes().getFirst().attempts()).isEqualTo(2);
  }

  @Test
  void nonRetriableFailuresFailOnlyTheirChange() {
    List<Change> changes = new ArrayList<>(creates("api", 3));
    changes.addAll(creates("other", 2));
    Map<Object, AtomicInteger> calls = new ConcurrentHashMap<>();
    Function<String, TargetExecutor> executors =
        target ->
            executor(
                FAST,
                change -> {
                  calls
                      .computeIfAbsent(change.target() + change.key(), k -> new AtomicInteger())
                      .incrementAndGet();
                  if (change.target().equals("api") && change.payload().equals(0)) {
                    throw new HostkeepException("403 forbidden: the key may not write zones");
                  }
                  if (change.target().equals("api") && change.payload().equals(1)) {
                    throw new IllegalStateException();
                  }
                });

    ApplyReport report = apply(plan(changes), executors);

    assertThat(report.failures())
        .extracting(o -> o.change().key(), ChangeOutcome::message, ChangeOutcome::attempts)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                "z0.example", "403 forbidden: the key may not write zones", 1),
            org.assertj.core.groups.Tuple.tuple("z1.example", "IllegalStateException", 1));
    assertThat(report.count(Outcome.APPLIED)).isEqualTo(3);
    assertThat(calls.values()).allSatisfy(c -> assertThat(c).hasValue(1));
    assertThat(sleeper.waits()).isEmpty();
    assertThat(report.exitCode()).isEqualTo(ExitCode.PARTIAL);
  }

  @Test
  void batchTargetGetsOneCallWithAllItsChanges() {
    List<List<Change>> batches = new CopyOnWriteArrayList<>();
    BatchExecutor batch = batches::add;
    List<Change> changes = creates("pdns", 5);

    ApplyReport report = apply(plan(changes), target -> batch);

    assertThat(batches).containsExactly(changes);
    assertThat(report.outcomes())
        .hasSize(5)
        .allSatisfy(o -> assertThat(o.outcome()).isEqualTo(Outcome.APPLIED));
  }

  @Test
  void failedBatchFailsEveryChangeWithTheSameReason() {
    BatchExecutor batch =
        changes -> {
          throw new HostkeepException("PATCH rejected: zone is locked");
        };

    ApplyReport report = apply(plan(creates("pdns", 3)), target -> batch);

    assertThat(report.outcomes())
        .hasSize(3)
        .allSatisfy(
            o -> {
              assertThat(o.outcome()).isEqualTo(Outcome.FAILED);
              assertThat(o.message()).isEqualTo("PATCH rejected: zone is locked");
              assertThat(o.attempts()).isEqualTo(1);
            });
    assertThat(report.exitCode()).isEqualTo(ExitCode.FAILURE);
  }

  @Test
  void executorFactoryThatThrowsFailsAllChangesOfThatTargetOnly() {
    List<Change> changes = new ArrayList<>(creates("down", 2));
    changes.addAll(creates("up", 2));
    TargetExecutor ok = executor(FAST, c -> {});

    ApplyReport report =
        apply(
            plan(changes),
            target -> {
              if (target.equals("down")) {
                throw new HostkeepException("cannot connect to down.example.net:443");
              }
              return ok;
            });

    assertThat(report.failures())
        .extracting(o -> o.change().target(), ChangeOutcome::message, ChangeOutcome::attempts)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "down", "could not reach target: cannot connect to down.example.net:443", 0),
            org.assertj.core.groups.Tuple.tuple(
                "down", "could not reach target: cannot connect to down.example.net:443", 0));
    assertThat(report.count(Outcome.APPLIED)).isEqualTo(2);
    assertThat(report.exitCode()).isEqualTo(ExitCode.PARTIAL);
  }

  @Test
  void executorWhoseSettingsThrowFailsOnlyItsTarget() {
    List<Change> changes = new ArrayList<>(creates("broken", 2));
    changes.addAll(creates("up", 1));
    TargetExecutor ok = executor(FAST, c -> {});
    TargetExecutor broken =
        new TargetExecutor() {
          @Override
          public void apply(Change change) {}

          @Override
          public ApplySettings settings() {
            throw new IllegalArgumentException("rate limit 'fast' is not a number");
          }
        };

    ApplyReport report = apply(plan(changes), t -> t.equals("broken") ? broken : ok);

    assertThat(report.failures())
        .extracting(ChangeOutcome::message)
        .containsExactly(
            "could not reach target: rate limit 'fast' is not a number",
            "could not reach target: rate limit 'fast' is not a number");
    assertThat(report.count(Outcome.APPLIED)).isEqualTo(1);
  }

  @Test
  void listenerHearsEveryOutcomeOnce() {
    List<Change> changes = new ArrayList<>(creates("a", 20));
    changes.addAll(creates("b", 20));
    TargetExecutor executor = executor(FAST, c -> {});

    ApplyReport report = apply(plan(changes), target -> executor);

    assertThat(heard).hasSize(40);
    assertThat(heard)
        .extracting(ChangeOutcome::change)
        .containsExactlyInAnyOrderElementsOf(changes);
    assertThat(heard).containsExactlyInAnyOrderElementsOf(report.outcomes());
  }

  @Test
  void listenerFailureIsNotSwallowedAndTheOtherChangesStillRun() {
    List<Change> executed = new CopyOnWriteArrayList<>();
    TargetExecutor executor = executor(FAST.withConcurrency(2), executed::add);
    Applier.Listener journal =
        outcome -> {
          if (outcome.change().key().equals("z1.example")) {
            throw new HostkeepException("cannot write the journal: disk full");
          }
        };

    assertThatThrownBy(() -> applier(1).apply(plan(creates("api", 5)), t -> executor, journal))
        .isInstanceOf(HostkeepException.class)
        .hasMessage("cannot write the journal: disk full");
    assertThat(executed).hasSize(5);
  }

  @Test
  void listenerFailureOnABatchTargetIsNotSwallowed() {
    BatchExecutor batch = changes -> {};
    Applier.Listener journal =
        outcome -> {
          throw new HostkeepException("cannot write the journal: disk full");
        };

    assertThatThrownBy(() -> applier(1).apply(plan(creates("pdns", 2)), t -> batch, journal))
        .isInstanceOf(HostkeepException.class)
        .hasMessage("cannot write the journal: disk full");
  }

  @Test
  void emptyPlanDoesNothingAndIsOk() {
    ApplyReport report =
        apply(
            Plan.empty("test"),
            target -> {
              throw new AssertionError("no executor needed");
            });

    assertThat(report.outcomes()).isEmpty();
    assertThat(report.exitCode()).isEqualTo(ExitCode.OK);
  }

  @Test
  void reportExitCodes() {
    Change change = Change.create("a", "zone", "x", "new", null);
    ChangeOutcome applied = new ChangeOutcome(change, Outcome.APPLIED, 1, "confirmed");
    ChangeOutcome failed = new ChangeOutcome(change, Outcome.FAILED, 1, "no");
    ChangeOutcome skipped = new ChangeOutcome(change, Outcome.SKIPPED, 0, "skipped");

    assertThat(new ApplyReport(List.of()).exitCode()).isEqualTo(ExitCode.OK);
    assertThat(new ApplyReport(List.of(applied, skipped)).exitCode()).isEqualTo(ExitCode.OK);
    assertThat(new ApplyReport(List.of(applied, failed)).exitCode()).isEqualTo(ExitCode.PARTIAL);
    assertThat(new ApplyReport(List.of(failed, skipped)).exitCode()).isEqualTo(ExitCode.FAILURE);
  }

  @Test
  void theReportListsOutcomesInPlanOrderWhateverOrderTheyFinishIn() {
    List<Change> changes = creates("api", 4);
    CountDownLatch[] finished = new CountDownLatch[4];
    for (int i = 0; i < 4; i++) {
      finished[i] = new CountDownLatch(1);
    }
    TargetExecutor executor =
        new TargetExecutor() {
          @Override
          public void apply(Change change) throws Exception {
            int index = (Integer) change.payload();
            if (index < 3 && !finished[index + 1].await(10, TimeUnit.SECONDS)) {
              throw new IllegalStateException("change " + (index + 1) + " never finished");
            }
            finished[index].countDown();
          }

          @Override
          public ApplySettings settings() {
            return FAST;
          }
        };

    ApplyReport report = applier(1).apply(plan(changes), target -> executor, heard::add);

    assertThat(heard).hasSize(4);
    assertThat(report.outcomes())
        .extracting(ChangeOutcome::change)
        .containsExactlyElementsOf(changes);
  }
}
