package dev.hostkeep.cli;

import dev.hostkeep.core.config.ConfigLoader;
import dev.hostkeep.core.log.Logging;
import dev.hostkeep.core.state.StateStores;

/**
 * Class set-up a working command will need, done on a second thread while the main thread spends
 * its first ~100 ms building picocli's model of the command line: SLF4J and logback, the YAML
 * parser, the SQLite driver's Java side. Each step only initialises classes the main thread would
 * initialise itself (the JVM lets one thread do it and the other wait), so the outcome is the same
 * whichever thread gets there first; the gain is the other core's time on a multi-core host.
 */
final class StartupWarmUp {
  private StartupWarmUp() {}

  /** Starts the warm-up for {@code command}; {@code config} opens no state, so gets no SQLite. */
  static void start(String command) {
    boolean state = !command.equals("config");
    Thread.ofPlatform().daemon().name("hostkeep-warm-up").start(() -> run(state));
  }

  private static void run(boolean state) {
    try {
      Logging.warmUp();
      ConfigLoader.warmUp();
      if (state) {
        StateStores.warmUp();
      }
    } catch (RuntimeException | LinkageError e) {
      // the main thread does the same work when it needs it, and reports what fails then
    }
  }
}
