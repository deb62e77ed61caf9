package dev.hostkeep.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the standard streams are terminals, read from /proc so no native code is needed. */
final class Terminal {
  boolean stdinIsTerminal() {
    return isTerminal(0);
  }

  boolean stdoutIsTerminal() {
    return isTerminal(1);
  }

  boolean stderrIsTerminal() {
    return isTerminal(2);
  }

  private static boolean isTerminal(int fd) {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
