package dev.hostkeep.dns.ddns.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The detect: section as a user writes it, and each mistake reported where it stands. */
class DetectionConfigTest {
  @TempDir Path dir;

  @Test
  void readsEveryKindOfSource() {
    AddressDetection detection =
        configs()
            .load(
                """
                ipv4:
                  sources:
                    - https: https://ip.example.net/
                    - interface: eth0
                    - dns: { server: resolver1.opendns.com, name: myip.opendns.com, type: A }
                    - dns: google
                    - command: /usr/local/bin/my-ip
                    - static: 8.8.4.4
                  agree: 2
                  timeout: 3s
                ipv6:
                  sources: [ { interface: eth0, temporary: never }, { dns: opendns } ]
                """);

    assertThat(detection.sources(Family.IPV4))
        .containsExactly(
            "https https://ip.example.net/",
            "interface eth0",
            "dns myip.opendns.com A @resolver1.opendns.com",
            "dns o-o.myaddr.l.google.com TXT @ns1.google.com",
            "command /usr/local/bin/my-ip",
            "static 8.8.4.4");
    assertThat(detection.agree(Family.IPV4)).isEqualTo(2);
    assertThat(detection.timeout(Family.IPV4)).isEqualTo(Duration.ofSeconds(3));
    assertThat(detection.sources(Family.IPV6))
        .containsExactly("interface eth0", "dns myip.opendns.com AAAA @resolver1.opendns.com");
    assertThat(detection.timeout(Family.IPV6)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void withoutTheSectionEachFamilyAsksTheBuiltInServicesOneAtATime() {
    AddressDetection detection = AddressDetection.read(Optional.empty());

    assertThat(detection.sources(Family.IPV4))
        .containsExactly(
            "https https://api.ipify.org",
            "https https://ipv4.icanhazip.com",
            "https https://checkip.amazonaws.com");
    assertThat(detection.sources(Family.IPV6)).first().isEqualTo("https https://api6.ipify.org");
    assertThat(detection.agree(Family.IPV6)).isEqualTo(1);
  }

  @Test
  void anUnknownKindIsReportedWithTheClosestKind() {
    assertThat(configs().errors("ipv4: { sources: [ { htps: https://ip.example.net/ } ] }"))
        .containsExactly(
            at(3, 24)
                + "'test-detect.detect.ipv4.sources[0]' names no kind of address source: use one"
                + " of https, interface, dns, command, static (did you mean 'https'?)");
  }

  @Test
  void aBadUrlIsReportedWhereItStands() {
    assertThat(configs().errors("ipv4: { sources: [ { https: ftp://ip.example.net/ } ] }"))
        .containsExactly(
            at(3, 33)
                + "https must be 'default' or the http(s) URL of a service that answers with the"
                + " caller's address, such as https://api.ipify.org, got 'ftp://ip.example.net/'");
  }

  @Test
  void agreeCannotExceedTheSources() {
    assertThat(
            configs()
                .errors("ipv4: { sources: [ { static: 8.8.4.4 }, { https: default } ], agree: 5 }"))
        .containsExactly(
            at(3, 74)
                + "agree is 5 but 'test-detect.detect.ipv4' has only 4 sources (https: default"
                + " counts one per built-in service)");
  }

  @Test
  void aStaticValueOfTheWrongFamilyOrNotPublicIsRefused() {
    List<String> errors =
        configs()
            .errors(
                """
                ipv4: { sources: [ { static: "2606:4700:4700::1111" } ] }
                ipv6: { sources: [ { static: "fd00::1" }, { static: nonsense } ] }
                """);

    assertThat(errors)
        .containsExactly(
            at(3, 34)
                + "static 2606:4700:4700::1111 is an IPv6 address; ipv4 needs an IPv4 address",
            at(4, 34) + "static fd00::1 is not globally routable (unique local (ULA) fc00::/7)",
            at(4, 57) + "static must be an IPv6 address, got 'nonsense'");
  }

  @Test
  void dnsMistakesAreEachReported() {
    List<String> errors =
        configs()
            .errors(
                """
                ipv6:
                  sources:
                    - dns: { server: "resolver1.opendns.com:99999", name: myip.opendns.com, type: A }
                    - dns: cloudflare
                """);

    assertThat(errors)
        .containsExactly(
            at(5, 26)
                + "server must be host, host:port or [ipv6]:port, such as resolver1.opendns.com,"
                + " got 'resolver1.opendns.com:99999'",
            at(5, 87) + "type must be AAAA or TXT for ipv6, got 'A'",
            at(6, 16)
                + "dns must be a mapping { server, name, type } or one of google, opendns,"
                + " got 'cloudflare'");
  }

  @Test
  void misspeltAndMisplacedKeysAreUnknown() {
    List<String> errors =
        configs()
            .errors(
                """
                ipv4: { sources: [ { interface: eth0, temporary: never } ], agre: 2 }
                ipv5: {}
                """);

    assertThat(errors)
        .anySatisfy(e -> assertThat(e).contains("unknown key 'temporary' in"))
        .anySatisfy(
            e ->
                assertThat(e)
                    .contains(
                        "unknown key 'agre' in 'test-detect.detect.ipv4' (did you mean 'agree'?)"))
        .anySatisfy(e -> assertThat(e).contains("unknown key 'ipv5' in 'test-detect.detect'"));
  }

  @Test
  void anEmptySourceListIsAnError() {
    assertThat(configs().errors("ipv4: { sources: [] }"))
        .singleElement()
        .asString()
        .endsWith(
            "'test-detect.detect.ipv4.sources' lists no source; leave it out for the default");
  }

  private String at(int line, int column) {
    return dir.resolve("hostkeep.yaml") + ":" + line + ":" + column + ": ";
  }

  private DetectConfigs configs() {
    return new DetectConfigs(dir, DetectionContext.system());
  }
}
