package dev.hostkeep.dns.ddns.detect;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** Runs the commands of {@code command:} address sources; replaceable for tests and benchmarks. */
@FunctionalInterface
public interface CommandRunner {
  /**
   * Runs {@code command} (program and arguments) and returns the first line of what it printed.
   *
   * @throws IOException with a message fit for a user when it cannot start, does not finish within
   *     {@code timeout} (it is then killed), or exits with a status other than 0
   */
  String firstLine(List<String> command, Duration timeout) throws IOException, InterruptedException;

  /** Runs commands as child processes of this one. */
  static CommandRunner processes() {
    return new ProcessCommandRunner();
  }
}
