package dev.hostkeep.core.state;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** Who takes run locks: this host's name and this process's PID. */
record LockHolder(String host, long pid) {

  static LockHolder current() {
    return new LockHolder(hostName(), ProcessHandle.current().pid());
  }

  /** Whether this holder runs on {@code thisHost}, where its PID can be checked, and is gone. */
  boolean isGoneFrom(String thisHost) {
    return host.equals(thisHost) && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
  }

  // The kernel's name first: it needs no DNS, which can hang on a badly configured host.
  private static String hostName() {
    try {
      String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
      if (!name.isEmpty()) {
        return name;
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: fall through
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
