package dev.hostkeep.core.state;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A separate hostkeep-like process for {@link StateStoreContract}'s two-process tests.
 *
 * <ul>
 *   <li>{@code count SPEC N ID}: N times, under run lock "counter", reads the record "counter",
 *       writes it plus one and journals an entry keyed {@code ID-i}.
 *   <li>{@code hold SPEC}: takes run lock "held", prints {@code LOCKED} and waits to be killed.
 * </ul>
 */
@SuppressWarnings("try") // the lock is held only for its scope
public final class StateWorker {
  static final RecordKey COUNTER = new RecordKey("counter-test", "local", "counter");

  private StateWorker() {}

  public static void main(String[] args) throws InterruptedException {
    try (StateStore store = StateStores.open(args[1], Clock.systemUTC())) {
      if (args[0].equals("hold")) {
        store.lock("held", Duration.ofSeconds(10));
        System.out.println("LOCKED");
        System.out.flush();
        Thread.sleep(Duration.ofMinutes(5));
        return;
      }
      int iterations = Integer.parseInt(args[2]);
      for (int i = 0; i < iterations; i++) {
        try (RunLock lock = store.lock("counter", Duration.ofSeconds(60))) {
          long count = store.get(COUNTER).map(r -> Long.parseLong(r.value())).orElse(0L);
          store.put(COUNTER, String.valueOf(count + 1));
          store.record(
              new JournalEntry(
                  0,
                  COUNTER.capability(),
                  "local",
                  "update",
                  "counter",
                  args[3] + "-" + i,
                  JournalEntry.Outcome.APPLIED,
                  1,
                  null,
                  Instant.now()));
        }
      }
    }
  }
}
