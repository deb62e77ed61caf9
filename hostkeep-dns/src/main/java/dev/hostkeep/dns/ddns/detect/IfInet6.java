package dev.hostkeep.dns.ddns.detect;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Linux's {@code /proc/net/if_inet6}: one IPv6 address a line, as {@code address ifindex
 * prefix-length scope flags name}, all but the name in hex. Only Linux tells temporary (privacy)
 * addresses from stable ones; Java's own interface API does not.
 */
final class IfInet6 {
  static final Path LINUX = Path.of("/proc/net/if_inet6");

  static final int TEMPORARY = 0x01;
  static final int DAD_FAILED = 0x08;
  static final int DEPRECATED = 0x20;
  static final int TENTATIVE = 0x40;

  record Entry(String device, InetAddress address, int flags) {
    boolean temporary() {
      return (flags & TEMPORARY) != 0;
    }

    /** Why the kernel would not use it as a source address, or empty when it would. */
    String unusable() {
      if ((flags & DAD_FAILED) != 0) {
        return "duplicate address detection failed";
      }
      if ((flags & TENTATIVE) != 0) {
        return "tentative";
      }
      return (flags & DEPRECATED) != 0 ? "deprecated" : "";
    }
  }

  private IfInet6() {}

  /**
   * The entries of {@code device} in {@code file}, in file order; lines that do not parse are
   * skipped.
   */
  static List<Entry> read(Path file, String device) throws IOException {
    List<Entry> entries = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      String[] fields = line.strip().split("\\s+");
      if (fields.length != 6 || !fields[5].equals(device) || fields[0].length() != 32) {
        continue;
      }
      try {
        byte[] bytes = HexFormat.of().parseHex(fields[0]);
        Inet6Address address = Inet6Address.getByAddress(null, bytes, null);
        entries.add(new Entry(device, address, Integer.parseInt(fields[4], 16)));
      } catch (IllegalArgumentException | UnknownHostException e) {
        // Not a line this parser understands; the other lines still count.
      }
    }
    return entries;
  }
}
