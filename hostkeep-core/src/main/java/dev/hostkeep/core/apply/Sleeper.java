package dev.hostkeep.core.apply;

import java.time.Duration;

/** Waits; injected so tests move a fake clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
  void sleep(Duration duration) throws InterruptedException;

  static Sleeper system() {
    return duration -> {
      if (!duration.isZero() && !duration.isNegative()) {
        Thread.sleep(duration);
      }
    };
  }
}
