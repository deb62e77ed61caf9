package dev.hostkeep.core.apply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Spaces the calls to one target at least {@code pace} apart, across all threads. */
final class Pacer {
  private final Duration pace;
  private final Clock clock;
  private final Sleeper sleeper;
  private Instant next;

  Pacer(Duration pace, Clock clock, Sleeper sleeper) {
    this.pace = pace;
    this.clock = clock;
    this.sleeper = sleeper;
    this.next = Instant.MIN;
  }

  void await() throws InterruptedException {
    if (pace.isZero()) {
      return;
    }
    Duration wait;
    synchronized (this) {
      Instant now = clock.instant();
      Instant slot = next.isAfter(now) ? next : now;
      next = slot.plus(pace);
      wait = Duration.between(now, slot);
    }
    sleeper.sleep(wait);
  }
}
