package dev.hostkeep.cli;

import dev.hostkeep.backup.repo.RepoWarmUp;
import dev.hostkeep.core.capability.Plugins;
import dev.hostkeep.core.config.ConfigLoader;
import dev.hostkeep.core.log.Logging;
import dev.hostkeep.core.state.StateStores;
import java.io.IOException;
import java.net.URI;

/**
 * Class set-up a working command will need, done on a second thread while the main thread spends
 * its first ~100 ms building picocli's model of the command line: SLF4J and logback, the YAML
 * parser, the plugins on the class path, the process handle the logs and run locks name, the SQLite
 * driver's Java side, for {@code ddns} the JDK's HTTP client, and for {@code repo} and {@code
 * backup} zstd and the repository's JSON readers ({@link RepoWarmUp}). Each step only initialises
 * classes or finds the plugins (which {@link Plugins#discover} keeps), work the main thread would
 * otherwise do itself (the JVM lets one thread initialise a class and the other wait), so the
 * outcome is the same whichever thread gets there first; the gain is the other core's time on a
 * multi-core host.
 */
final class StartupWarmUp {
  private StartupWarmUp() {}

  /** Starts the warm-up for {@code command}; {@code config} opens no state, so gets no SQLite. */
  static void start(String command) {
    Thread.ofPlatform().daemon().name("hostkeep-warm-up").start(() -> run(command));
  }

  private static void run(String command) {
    try {
      if (command.equals("repo") || command.equals("backup")) {
        RepoWarmUp.run(); // first: the main thread needs it once the key is derived
      }
      Logging.warmUp();
      ConfigLoader.warmUp();
      Plugins.discover(StartupWarmUp.class.getClassLoader());
      ProcessHandle.current();
      if (!command.equals("config")) {
        StateStores.warmUp();
      }
      if (command.equals("ddns")) {
        // Opening a connection object sends nothing; it sets up the URL handler and its settings.
        URI.create("http://127.0.0.1/").toURL().openConnection();
      }
    } catch (IOException | RuntimeException | LinkageError e) {
      // the main thread does the same work when it needs it, and reports what fails then
    }
  }
}
