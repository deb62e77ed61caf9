package dev.hostkeep.core.host;

import dev.hostkeep.core.HostkeepException;
import java.io.IOException;

/** This machine: commands run as child processes, without a shell unless one is asked for. */
final class LocalHost implements Host {
  static final String NAME = "local";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public RemoteProcess start(Command command) {
    try {
      return new LocalProcess(command, new ProcessBuilder(command.argv()).start());
    } catch (IOException e) {
      throw new HostkeepException(
          "could not start `" + command + "` on " + NAME + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {}

  @Override
  public String toString() {
    return NAME;
  }
}
