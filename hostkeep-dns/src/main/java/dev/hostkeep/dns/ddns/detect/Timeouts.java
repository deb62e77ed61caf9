package dev.hostkeep.dns.ddns.detect;

import java.time.Duration;

/** Durations as the config writes them, for messages. */
final class Timeouts {
  private Timeouts() {}

  static String text(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }
}
