package dev.hostkeep.core.apply;

import java.time.Duration;

/**
 * How the applier treats one target: at most {@code concurrency} changes at once, calls started at
 * least {@code pace} apart, and up to {@code maxAttempts} attempts per change with exponential
 * backoff from {@code backoffBase} up to {@code backoffMax} (or the target's own Retry-After).
 */
public record ApplySettings(
    int concurrency, Duration pace, int maxAttempts, Duration backoffBase, Duration backoffMax) {
  public static final ApplySettings DEFAULT =
      new ApplySettings(4, Duration.ZERO, 3, Duration.ofSeconds(1), Duration.ofSeconds(30));

  public ApplySettings {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (pace.isNegative() || backoffBase.isNegative() || backoffMax.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
  }

  public ApplySettings withConcurrency(int value) {
    return new ApplySettings(value, pace, maxAttempts, backoffBase, backoffMax);
  }

  public ApplySettings withPace(Duration value) {
    return new ApplySettings(concurrency, value, maxAttempts, backoffBase, backoffMax);
  }

  public ApplySettings withMaxAttempts(int value) {
    return new ApplySettings(concurrency, pace, value, backoffBase, backoffMax);
  }
}
