package dev.hostkeep.core.state;

import java.time.Duration;

/**
 * How long a run lock stays held without renewal, and how often its holder renews it. The timeout
 * is several renewals long so that a slow database or a long GC pause does not lose a live lock.
 */
record LockLease(Duration timeout, Duration renewEvery) {
  static final LockLease DEFAULT = new LockLease(Duration.ofSeconds(60), Duration.ofSeconds(15));
}
