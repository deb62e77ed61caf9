package dev.hostkeep.dns.ddns.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class Ipv6SuffixTest {
  @Test
  void putsTheSuffixOnTheDetectedSlash64() throws Exception {
    Ipv6Suffix suffix = Ipv6Suffix.parse("::11:22ff:fe33:4455", 64);

    InetAddress address = suffix.apply(InetAddress.getByName("2001:db8:aaaa:bbbb::1"));

    assertThat(address).isEqualTo(InetAddress.getByName("2001:db8:aaaa:bbbb:11:22ff:fe33:4455"));
    assertThat(suffix).hasToString("::11:22ff:fe33:4455/64");
  }

  @Test
  void keepsTheWholePrefixOfAShorterDelegation() throws Exception {
    Ipv6Suffix suffix = Ipv6Suffix.parse("::5:0:0:0:7", 56);

    assertThat(suffix.apply(InetAddress.getByName("2001:db8:aaaa:bb00:ffff::1")))
        .isEqualTo(InetAddress.getByName("2001:db8:aaaa:bb05::7"));
  }

  @Test
  void theLeadingColonsMayBeLeftOutAndSixtyFourIsTheDefault() {
    assertThat(Ipv6Suffix.parse("11:22ff:fe33:4455"))
        .isEqualTo(Ipv6Suffix.parse("::11:22ff:fe33:4455", 64));
    assertThat(Ipv6Suffix.parse("::1").prefixLength()).isEqualTo(64);
  }

  @Test
  void readsWhatItWrites() {
    Ipv6Suffix suffix = Ipv6Suffix.parse("::5:0:0:0:7", 56);

    assertThat(Ipv6Suffix.parse(suffix.toString())).isEqualTo(suffix);
    assertThat(suffix).hasToString("::5:0:0:0:7/56");
    assertThatThrownBy(() -> Ipv6Suffix.parse("::7/sixty"))
        .hasMessage(
            "IPv6 suffix '::7/sixty' must end in a prefix length such as /64, got '/sixty'");
  }

  @Test
  void aSuffixReachingIntoThePrefixIsRefused() {
    assertThatThrownBy(() -> Ipv6Suffix.parse("::1:0:0:0:1", 64))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "IPv6 suffix '::1:0:0:0:1' sets bits inside the /64 prefix; only the last 64 bits may"
                + " be set");
  }

  @Test
  void textThatIsNoSuffixAndBadLengthsAreRefused() {
    assertThatThrownBy(() -> Ipv6Suffix.parse("host.example", 64))
        .hasMessageContaining("is not an IPv6 interface id");
    assertThatThrownBy(() -> Ipv6Suffix.parse("::", 64)).hasMessageContaining("all zeros");
    assertThatThrownBy(() -> Ipv6Suffix.parse("::1", 128))
        .hasMessage("an IPv6 prefix length must be between 1 and 127, got 128");
  }

  @Test
  void appliesOnlyToIpv6() {
    assertThatThrownBy(() -> Ipv6Suffix.parse("::1").apply(InetAddress.getByName("8.8.4.4")))
        .hasMessage("an IPv6 suffix applies to an IPv6 address, not 8.8.4.4");
  }
}
