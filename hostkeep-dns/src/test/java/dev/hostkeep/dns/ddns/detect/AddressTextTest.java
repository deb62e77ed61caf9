package dev.hostkeep.dns.ddns.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostkeep.dns.record.RecordValues;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What counts as an answer: a bare, globally routable address of the asked family. */
class AddressTextTest {
  @Test
  void aBareAddressWithANewlinePasses() throws Exception {
    assertThat(AddressText.parse("  8.8.4.4\r\n", Family.IPV4))
        .isEqualTo(InetAddress.getByName("8.8.4.4"));
    assertThat(AddressText.parse("2606:4700:4700::1111\n", Family.IPV6))
        .isEqualTo(InetAddress.getByName("2606:4700:4700::1111"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "10.1.2.3|answered 10.1.2.3, which is not globally routable (private-use 10.0.0.0/8)",
        "192.168.1.20|(private-use 192.168.0.0/16)",
        "172.31.0.1|(private-use 172.16.0.0/12)",
        "100.72.1.1|(carrier-grade NAT (shared address space) 100.64.0.0/10)",
        "127.0.0.1|(loopback 127.0.0.0/8)",
        "169.254.9.9|(link-local 169.254.0.0/16)",
        "203.0.113.9|(documentation (TEST-NET-3) 203.0.113.0/24)",
        "198.18.0.1|(benchmarking 198.18.0.0/15)",
        "224.0.0.251|(multicast 224.0.0.0/4)",
        "255.255.255.255|(reserved 240.0.0.0/4)",
        "0.0.0.0|('this network' 0.0.0.0/8)",
      })
  void specialIpv4BlocksAreRefusedWithTheirName(String answer, String problem) {
    assertThatThrownBy(() -> AddressText.parse(answer, Family.IPV4))
        .isInstanceOf(SourceProblem.class)
        .hasMessageContaining(problem);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "fd00::1|(unique local (ULA) fc00::/7)",
        "fe80::1|(link-local fe80::/10)",
        "::1|(loopback ::1/128)",
        "::|(unspecified ::/128)",
        "ff02::1|(multicast ff00::/8)",
        "2001:db8::1|(documentation 2001:db8::/32)",
        "3fff::1|(documentation 3fff::/20)",
        "2001:0:4136:e378::1|(IETF protocol assignments 2001::/23)",
        "64:ff9b::808:404|(NAT64 64:ff9b::/96)",
      })
  void specialIpv6BlocksAreRefusedWithTheirName(String answer, String problem) {
    assertThatThrownBy(() -> AddressText.parse(answer, Family.IPV6))
        .isInstanceOf(SourceProblem.class)
        .hasMessageContaining(problem);
  }

  @Test
  void htmlAndGarbageAndHostNamesAreNotAddresses() {
    assertThatThrownBy(() -> AddressText.parse("<!DOCTYPE html><html>8.8.4.4</html>", Family.IPV4))
        .hasMessageStartingWith("answered an HTML page, not a bare address");
    assertThatThrownBy(() -> AddressText.parse("Your IP is 8.8.4.4", Family.IPV4))
        .hasMessage("answered 'Your IP is 8.8.4.4', not a bare IPv4 address");
    assertThatThrownBy(() -> AddressText.parse("localhost", Family.IPV4))
        .hasMessage("answered 'localhost', not a bare IPv4 address");
    assertThatThrownBy(() -> AddressText.parse("8.8.4.4.5", Family.IPV4))
        .hasMessageContaining("not a bare IPv4 address");
    assertThatThrownBy(() -> AddressText.parse("\n", Family.IPV4)).hasMessage("answered nothing");
  }

  @Test
  void anAddressOfTheOtherFamilyIsRefused() {
    assertThatThrownBy(() -> AddressText.parse("2606:4700:4700::1111", Family.IPV4))
        .hasMessage("answered 2606:4700:4700::1111, an IPv6 address where IPv4 was asked for");
    assertThatThrownBy(() -> AddressText.parse("8.8.4.4", Family.IPV6))
        .hasMessage("answered 8.8.4.4, an IPv4 address where IPv6 was asked for");
    assertThatThrownBy(() -> AddressText.parse("::ffff:8.8.4.4", Family.IPV6))
        .hasMessageContaining("an IPv4 address where IPv6 was asked for");
  }

  @Test
  void ipv6IsShownInItsShortForm() throws Exception {
    assertThat(RecordValues.format(InetAddress.getByName("2001:db8:0:0:1:0:0:1")))
        .isEqualTo("2001:db8::1:0:0:1");
    assertThat(RecordValues.format(InetAddress.getByName("2001:0:0:1::")))
        .isEqualTo("2001:0:0:1::");
    assertThat(RecordValues.format(InetAddress.getByName("::"))).isEqualTo("::");
    assertThat(RecordValues.format(InetAddress.getByName("2001:db8:1:2:3:4:0:5")))
        .isEqualTo("2001:db8:1:2:3:4:0:5");
  }

  @Test
  void familiesParseByNameOrRecordType() {
    assertThat(Family.parse("IPv4")).isEqualTo(Family.IPV4);
    assertThat(Family.parse("aaaa")).isEqualTo(Family.IPV6);
    assertThat(Family.IPV6.recordType()).isEqualTo("AAAA");
    assertThatThrownBy(() -> Family.parse("ipv5"))
        .hasMessage("unknown address family 'ipv5': use ipv4 or ipv6");
  }
}
