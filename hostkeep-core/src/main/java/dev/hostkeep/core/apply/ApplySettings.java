package dev.hostkeep.core.apply;

import dev.hostkeep.core.config.ConfigObject;
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

  /**
   * {@code defaults} with what a provider section says of its pacing: {@code concurrency} (1 to
   * 64), {@code pace} and {@code max_attempts} (1 to 100). A bad value is reported to the section's
   * reader and its default kept, so callers check the reader's problems before using the result.
   */
  public static ApplySettings read(ConfigObject section, ApplySettings defaults) {
    int concurrency = section.integer("concurrency", defaults.concurrency(), 1, 64);
    Duration pace = section.duration("pace", defaults.pace());
    int maxAttempts = section.integer("max_attempts", defaults.maxAttempts(), 1, 100);
    if (pace.isNegative()) {
      String said = "pace must not be negative, got " + pace;
      section.value("pace", true).ifPresent(v -> section.reader().error(v, said));
      pace = defaults.pace();
    }
    return defaults.withConcurrency(concurrency).withPace(pace).withMaxAttempts(maxAttempts);
  }
}
