package dev.hostkeep.core.apply;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.plan.Change;
import dev.hostkeep.core.plan.Plan;
import dev.hostkeep.core.plan.TargetPlan;
import dev.hostkeep.core.state.JournalEntry.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a plan: targets side by side, and within a target at most its concurrency, paced and
 * retried as its {@link ApplySettings} say. Every change ends with an outcome reported to the
 * listener as soon as it is known, so what a target confirmed is recorded even if the process dies
 * a moment later. An exception from a provider fails that change alone.
 */
public final class Applier {
  /**
   * Platform threads, not virtual ones: a virtual thread that waits on a socket starts the JDK's
   * poller thread, which stays in native code, and on exit the JVM waits up to 300 ms for it (a
   * catalog sync measured 0.3 s slower). Targets are few and each runs at most its concurrency of
   * changes at once, so the threads are few too.
   */
  private static final ThreadFactory WORKERS =
      Thread.ofPlatform().daemon().name("hostkeep-apply-", 0).factory();

  private static final Logger log = LoggerFactory.getLogger(Applier.class);

  private final Clock clock;
  private final Sleeper sleeper;
  private final Random random;

  public Applier(Clock clock, Sleeper sleeper, Random random) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.random = random;
  }

  /** Receives each outcome as it happens, from any thread. */
  @FunctionalInterface
  public interface Listener {
    void outcome(ChangeOutcome outcome);

    /** The outcomes of one batch, known together; a listener may record them in one go. */
    default void outcomes(List<ChangeOutcome> outcomes) {
      outcomes.forEach(this::outcome);
    }
  }

  public ApplyReport apply(
      Plan plan, Function<String, TargetExecutor> executors, Listener listener) {
    List<ChangeOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    Listener recording =
        new Listener() {
          @Override
          public void outcome(ChangeOutcome outcome) {
            outcomes.add(outcome);
            listener.outcome(outcome);
          }

          @Override
          public void outcomes(List<ChangeOutcome> batch) {
            outcomes.addAll(batch);
            listener.outcomes(batch);
          }
        };
    try (ExecutorService targets = Executors.newThreadPerTaskExecutor(WORKERS)) {
      List<Future<?>> running = new ArrayList<>();
      for (TargetPlan target : plan.targets()) {
        if (!target.changes().isEmpty()) {
          running.add(targets.submit(() -> applyTarget(target, executors, recording)));
        }
      }
      for (Future<?> future : running) {
        await(future);
      }
    }
    return new ApplyReport(inPlanOrder(outcomes, plan.changes()));
  }

  /**
   * Outcomes arrive in completion order; the report lists them in plan order, the same every run.
   * An outcome carries the plan's own change object, so positions are looked up by identity; a
   * batch's outcomes, already in order, are taken as they are.
   */
  private static List<ChangeOutcome> inPlanOrder(
      List<ChangeOutcome> outcomes, List<Change> changes) {
    List<ChangeOutcome> sorted = new ArrayList<>(outcomes);
    boolean ordered = sorted.size() == changes.size();
    for (int i = 0; ordered && i < sorted.size(); i++) {
      ordered = sorted.get(i).change() == changes.get(i);
    }
    if (!ordered) {
      Map<Change, Integer> order = new IdentityHashMap<>();
      for (int i = 0; i < changes.size(); i++) {
        order.putIfAbsent(changes.get(i), i);
      }
      sorted.sort(Comparator.comparingInt(o -> order.getOrDefault(o.change(), Integer.MAX_VALUE)));
    }
    return sorted;
  }

  private void applyTarget(
      TargetPlan target, Function<String, TargetExecutor> executors, Listener listener) {
    TargetExecutor executor;
    ApplySettings settings;
    try {
      executor = executors.apply(target.target());
      settings = executor.settings();
    } catch (RuntimeException e) {
      String reason = "could not reach target: " + message(e);
      target
          .changes()
          .forEach(c -> listener.outcome(new ChangeOutcome(c, Outcome.FAILED, 0, reason)));
      return;
    }
    Pacer pacer = new Pacer(settings.pace(), clock, sleeper);
    if (executor instanceof BatchExecutor batch) {
      applyBatch(target.changes(), batch, settings, pacer, listener);
      return;
    }
    Semaphore slots = new Semaphore(settings.concurrency());
    List<Future<?>> running = new ArrayList<>();
    try (ExecutorService changes = Executors.newThreadPerTaskExecutor(WORKERS)) {
      for (Change change : target.changes()) {
        acquire(slots);
        running.add(
            changes.submit(
                () -> {
                  try {
                    listener.outcome(
                        attempt(change, () -> executor.apply(change), settings, pacer));
                  } finally {
                    slots.release();
                  }
                }));
      }
    }
    // A listener that could not record an outcome must not go unnoticed.
    running.forEach(Applier::await);
  }

  private void applyBatch(
      List<Change> changes,
      BatchExecutor batch,
      ApplySettings settings,
      Pacer pacer,
      Listener listener) {
    ChangeOutcome batchOutcome =
        attempt(changes.getFirst(), () -> batch.applyAll(changes), settings, pacer);
    listener.outcomes(
        changes.stream()
            .map(
                change ->
                    new ChangeOutcome(
                        change,
                        batchOutcome.outcome(),
                        batchOutcome.attempts(),
                        batchOutcome.message()))
            .toList());
  }

  @FunctionalInterface
  private interface Call {
    void run() throws Exception;
  }

  private ChangeOutcome attempt(Change change, Call call, ApplySettings settings, Pacer pacer) {
    for (int attempt = 1; ; attempt++) {
      try {
        pacer.await();
        call.run();
        log.info("{} on {}: done", change.describe(), change.target());
        return new ChangeOutcome(change, Outcome.APPLIED, attempt, "confirmed");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new ChangeOutcome(change, Outcome.FAILED, attempt, "interrupted");
      } catch (Exception e) {
        boolean retriable = e instanceof HostkeepException h && h.retriable();
        if (!retriable || attempt >= settings.maxAttempts()) {
          log.warn("{} on {} failed: {}", change.describe(), change.target(), message(e));
          return new ChangeOutcome(change, Outcome.FAILED, attempt, message(e));
        }
        Duration delay = delay((HostkeepException) e, attempt, settings);
        log.info(
            "{} on {}: {} (attempt {} of {}), retrying in {} ms",
            change.describe(),
            change.target(),
            message(e),
            attempt,
            settings.maxAttempts(),
            delay.toMillis());
        try {
          sleeper.sleep(delay);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return new ChangeOutcome(change, Outcome.FAILED, attempt, "interrupted");
        }
      }
    }
  }

  /** Exponential backoff with jitter, or exactly what the target asked for with Retry-After. */
  Duration delay(HostkeepException e, int attempt, ApplySettings settings) {
    if (e.retryAfter().isPresent()) {
      return e.retryAfter().get();
    }
    long base = settings.backoffBase().toMillis();
    long max = settings.backoffMax().toMillis();
    long exponential = Math.min(max, base << Math.min(attempt - 1, 20));
    long jittered = exponential / 2 + (long) (random.nextDouble() * (exponential / 2.0));
    return Duration.ofMillis(jittered);
  }

  private static String message(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  private static void acquire(Semaphore slots) {
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HostkeepException("interrupted while applying", e);
    }
  }

  private static void await(Future<?> future) {
    try {
      future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HostkeepException("interrupted while applying", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof HostkeepException failure) {
        throw failure;
      }
      throw new HostkeepException("applying failed unexpectedly: " + e.getCause(), e.getCause());
    }
  }
}
