package dev.hostkeep.dns.ddns.detect;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Address;

/**
 * Which addresses can stand in a public A/AAAA record. IPv4 excludes the special-purpose blocks of
 * RFC 6890 and its updates; IPv6 must be global unicast (2000::/3) outside the blocks reserved
 * there. A host's own public address is never in any of them, so an echo service answering one is
 * broken, or is seeing the host through a private network.
 */
final class GlobalAddresses {
  private record Block(byte[] prefix, int bits, String name, String cidr) {
    boolean contains(byte[] address) {
      if (address.length != prefix.length) {
        return false;
      }
      for (int bit = 0; bit < bits; bit++) {
        int mask = 0x80 >>> (bit % 8);
        if ((address[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }

    static Block of(String cidr, String name) {
      String[] parts = cidr.split("/");
      int family = parts[0].contains(":") ? Address.IPv6 : Address.IPv4;
      return new Block(
          Address.toByteArray(parts[0], family), Integer.parseInt(parts[1]), name, cidr);
    }
  }

  private static final List<Block> IPV4_SPECIAL =
      List.of(
          Block.of("0.0.0.0/8", "'this network'"),
          Block.of("10.0.0.0/8", "private-use"),
          Block.of("100.64.0.0/10", "carrier-grade NAT (shared address space)"),
          Block.of("127.0.0.0/8", "loopback"),
          Block.of("169.254.0.0/16", "link-local"),
          Block.of("172.16.0.0/12", "private-use"),
          Block.of("192.0.0.0/24", "IETF protocol assignments"),
          Block.of("192.0.2.0/24", "documentation (TEST-NET-1)"),
          Block.of("192.88.99.0/24", "6to4 relay anycast"),
          Block.of("192.168.0.0/16", "private-use"),
          Block.of("198.18.0.0/15", "benchmarking"),
          Block.of("198.51.100.0/24", "documentation (TEST-NET-2)"),
          Block.of("203.0.113.0/24", "documentation (TEST-NET-3)"),
          Block.of("224.0.0.0/4", "multicast"),
          Block.of("240.0.0.0/4", "reserved"));

  private static final Block IPV6_GLOBAL_UNICAST = Block.of("2000::/3", "global unicast");

  private static final List<Block> IPV6_NOT_GLOBAL =
      List.of(
          Block.of("::/128", "unspecified"),
          Block.of("::1/128", "loopback"),
          Block.of("::ffff:0:0/96", "IPv4-mapped"),
          Block.of("64:ff9b::/96", "NAT64"),
          Block.of("64:ff9b:1::/48", "local-use NAT64"),
          Block.of("100::/64", "discard-only"),
          Block.of("fc00::/7", "unique local (ULA)"),
          Block.of("fe80::/10", "link-local"),
          Block.of("fec0::/10", "site-local"),
          Block.of("ff00::/8", "multicast"));

  private static final List<Block> IPV6_SPECIAL =
      List.of(
          Block.of("2001:db8::/32", "documentation"),
          Block.of("3fff::/20", "documentation"),
          Block.of("2001::/23", "IETF protocol assignments"));

  private GlobalAddresses() {}

  /**
   * Why {@code address} cannot be a host's public address (e.g. {@code private-use 10.0.0.0/8}), or
   * empty when it is globally routable.
   */
  static Optional<String> problem(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (address instanceof Inet4Address) {
      return firstContaining(IPV4_SPECIAL, bytes);
    }
    Optional<String> special = firstContaining(IPV6_SPECIAL, bytes);
    if (special.isPresent() || IPV6_GLOBAL_UNICAST.contains(bytes)) {
      return special;
    }
    return firstContaining(IPV6_NOT_GLOBAL, bytes).or(() -> Optional.of("not global unicast"));
  }

  private static Optional<String> firstContaining(List<Block> blocks, byte[] address) {
    for (Block block : blocks) {
      if (block.contains(address)) {
        return Optional.of(block.name() + " " + block.cidr());
      }
    }
    return Optional.empty();
  }
}
