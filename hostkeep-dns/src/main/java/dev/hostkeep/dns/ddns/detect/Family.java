package dev.hostkeep.dns.ddns.detect;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;

/** An address family, and the record type that publishes an address of it. */
public enum Family {
  IPV4("A", "IPv4", 4),
  IPV6("AAAA", "IPv6", 16);

  private final String recordType;
  private final String label;
  private final int bytes;

  Family(String recordType, String label, int bytes) {
    this.recordType = recordType;
    this.label = label;
    this.bytes = bytes;
  }

  /** {@code A} for IPv4, {@code AAAA} for IPv6. */
  public String recordType() {
    return recordType;
  }

  /**
   * The family named {@code text}: {@code ipv4} or {@code ipv6} in any case, or the record type
   * {@code A} / {@code AAAA}.
   *
   * @throws IllegalArgumentException naming the valid choices
   */
  public static Family parse(String text) {
    String name = text.strip().toLowerCase(Locale.ROOT);
    return switch (name) {
      case "ipv4", "a", "inet" -> IPV4;
      case "ipv6", "aaaa", "inet6" -> IPV6;
      default ->
          throw new IllegalArgumentException(
              "unknown address family '" + text + "': use ipv4 or ipv6");
    };
  }

  /** The config key of this family: {@code ipv4} or {@code ipv6}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether {@code address} belongs to this family. */
  public boolean holds(InetAddress address) {
    return this == IPV4 ? address instanceof Inet4Address : address instanceof Inet6Address;
  }

  /** The family {@code address} belongs to. */
  public static Family of(InetAddress address) {
    return address instanceof Inet4Address ? IPV4 : IPV6;
  }

  int bytes() {
    return bytes;
  }

  /** {@code IPv4} or {@code IPv6}, for messages. */
  @Override
  public String toString() {
    return label;
  }
}
