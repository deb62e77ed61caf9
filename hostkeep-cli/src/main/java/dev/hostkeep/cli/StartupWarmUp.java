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

  static void start() {
    Thread.ofPlatform().daemon().name("hostkeep-warm-up").start(StartupWarmUp::run);
  }

  private static void run() {
    try {
      Logging.warmUp();
      ConfigLoader.warmUp();
      StateStores.warmUp();
    } catch (RuntimeException | LinkageError e) {
      // the main thread does the same work when it needs it, and reports what fails then
    }
  }
}
