package dev.hostkeep.core.apply;

import dev.hostkeep.testkit.FakeClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link Sleeper} that moves a {@link FakeClock} instead of waiting, and remembers each wait. */
final class RecordingSleeper implements Sleeper {
  private final FakeClock clock;
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  RecordingSleeper(FakeClock clock) {
    this.clock = clock;
  }

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    clock.advance(duration);
  }

  List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  /** The waits that were not zero, in order. */
  List<Duration> waits() {
    return sleeps.stream().filter(d -> !d.isZero()).toList();
  }
}
