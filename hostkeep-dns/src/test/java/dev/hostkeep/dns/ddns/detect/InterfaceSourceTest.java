package dev.hostkeep.dns.ddns.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Interface sources, IPv6 read from a written if_inet6 table, IPv4 from the real loopback. */
class InterfaceSourceTest {
  // address, ifindex, prefix length, scope, flags, device; in the order Linux lists them.
  private static final String IF_INET6 =
      """
      2a0104f80000000115a2b3c4d5e6f708 02 40 00 01     eth0
      2a0104f800000001aaaabbbbccccdddd 02 40 00 20     eth0
      2a0104f800000001eeeeffff00001111 02 40 00 40     eth0
      2a0104f8000000010211 22fffe334455 02 40 00 80     eth0
      fe800000000000000211 22fffe334455 02 40 20 80     eth0
      00000000000000000000000000000001 01 80 10 80       lo
      2a0104f80000000200000000000000aa 03 40 00 80    wlan0
      fd000000000000000000000000000001 04 40 00 80     wg0
      """
          .replace("0211 22ff", "021122ff");

  @TempDir Path dir;
  private Path table;

  @BeforeEach
  void writeTable() throws IOException {
    table = Files.writeString(dir.resolve("if_inet6"), IF_INET6);
  }

  @Test
  void theStableAddressIsPreferredOverTheTemporaryOne() throws Exception {
    Verdict verdict = detect("ipv6: { sources: [ { interface: eth0 } ] }");

    assertThat(verdict.address())
        .contains(InetAddress.getByName("2a01:4f8:0:1:211:22ff:fe33:4455"));
    assertThat(verdict.answers().getFirst().source()).isEqualTo("interface eth0");
  }

  @Test
  void theTemporaryAddressWhenAskedFor() throws Exception {
    Verdict verdict = detect("ipv6: { sources: [ { interface: eth0, temporary: prefer } ] }");

    assertThat(verdict.address())
        .contains(InetAddress.getByName("2a01:4f8:0:1:15a2:b3c4:d5e6:f708"));
  }

  @Test
  void aTemporaryAddressAloneIsUsedUnlessForbidden() throws Exception {
    Files.writeString(table, "2a0104f80000000115a2b3c4d5e6f708 02 40 00 01     eth0\n");

    assertThat(detect("ipv6: { sources: [ { interface: eth0 } ] }").address())
        .contains(InetAddress.getByName("2a01:4f8:0:1:15a2:b3c4:d5e6:f708"));
    assertThat(
            detect("ipv6: { sources: [ { interface: eth0, temporary: never } ] }")
                .answers()
                .getFirst()
                .problem())
        .contains(
            "eth0 has no globally routable IPv6 address, only 2a01:4f8:0:1:15a2:b3c4:d5e6:f708"
                + " (temporary)");
  }

  @Test
  void deprecatedTentativeAndNonGlobalAddressesAreSkippedWithTheirReason() throws Exception {
    Files.writeString(
        table,
        """
        2a0104f800000001aaaabbbbccccdddd 02 40 00 20     eth0
        2a0104f800000001eeeeffff00001111 02 40 00 40     eth0
        fe80000000000000021122fffe334455 02 40 20 80     eth0
        """);

    assertThat(detect("ipv6: { sources: [ { interface: eth0 } ] }").answers().getFirst().problem())
        .contains(
            "eth0 has no globally routable IPv6 address, only 2a01:4f8:0:1:aaaa:bbbb:cccc:dddd"
                + " (deprecated), 2a01:4f8:0:1:eeee:ffff:0:1111 (tentative),"
                + " fe80::211:22ff:fe33:4455 (link-local fe80::/10)");
  }

  @Test
  void aUniqueLocalAddressIsNotPublic() {
    assertThat(detect("ipv6: { sources: [ { interface: wg0 } ] }").answers().getFirst().problem())
        .contains(
            "wg0 has no globally routable IPv6 address, only fd00::1 (unique local (ULA) fc00::/7)");
  }

  @Test
  void loopbackHasNoPublicIpv4Address() {
    String lo = "lo";
    Verdict verdict = detect("ipv4: { sources: [ { interface: %s } ] }".formatted(lo), Family.IPV4);

    assertThat(verdict.address()).isEmpty();
    assertThat(verdict.answers().getFirst().problem())
        .contains(
            "lo has no globally routable IPv4 address, only 127.0.0.1 (loopback 127.0.0.0/8)");
  }

  @Test
  void aMissingInterfaceIsNamed() {
    assertThat(
            detect("ipv4: { sources: [ { interface: nosuch0 } ] }", Family.IPV4)
                .answers()
                .getFirst()
                .problem())
        .contains("there is no network interface 'nosuch0'");
  }

  private Verdict detect(String yaml) {
    return detect(yaml, Family.IPV6);
  }

  private Verdict detect(String yaml, Family family) {
    DetectionContext context = DetectionContext.system().withIfInet6(table);
    return new DetectConfigs(dir, context).load(yaml).detect(family);
  }
}
