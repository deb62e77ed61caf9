package dev.hostkeep.dns.ddns.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostkeep.testkit.BindServer;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DNS sources asking a real BIND whose zone plays the part of OpenDNS's {@code myip} and Google's
 * TXT answers (with public-looking addresses: documentation ones would rightly be refused).
 */
class DnsSourceTest {
  private static final String ZONE =
      """
      $ORIGIN example.test.
      $TTL 300
      @      SOA  ns1 hostmaster 1 3600 600 86400 300
      @      NS   ns1
      ns1    A    127.0.0.1
      myip   A    8.8.4.4
      myip   AAAA 2606:4700:4700::1111
      o-o    TXT  "edns0-client-subnet 8.8.0.0/24"
      o-o    TXT  "9.9.9.9"
      inside A    10.0.0.7
      """;

  static BindServer bind;
  @TempDir Path dir;

  @BeforeAll
  static void startBind(@TempDir Path bindDir) {
    bind = BindServer.builder(bindDir).zone("example.test", ZONE).start();
  }

  @AfterAll
  static void stopBind() {
    if (bind != null) {
      bind.close();
    }
  }

  @Test
  void anARecordIsTheAddress() throws Exception {
    Verdict verdict =
        detect(Family.IPV4, "{ server: \"127.0.0.1:%d\", name: myip.example.test, type: A }");

    assertThat(verdict.address()).contains(InetAddress.getByName("8.8.4.4"));
    assertThat(verdict.answers().getFirst().source())
        .isEqualTo("dns myip.example.test A @127.0.0.1 port " + bind.port());
  }

  @Test
  void theTypeDefaultsToTheFamilysRecordType() throws Exception {
    Verdict verdict = detect(Family.IPV6, "{ server: \"127.0.0.1:%d\", name: myip.example.test }");

    assertThat(verdict.address()).contains(InetAddress.getByName("2606:4700:4700::1111"));
  }

  @Test
  void theAddressAmongTxtStringsIsFound() throws Exception {
    Verdict verdict =
        detect(Family.IPV4, "{ server: \"127.0.0.1:%d\", name: o-o.example.test, type: TXT }");

    assertThat(verdict.address()).contains(InetAddress.getByName("9.9.9.9"));
  }

  @Test
  void aPrivateAnswerAndAMissingNameAreRejected() {
    assertThat(
            detect(Family.IPV4, "{ server: \"127.0.0.1:%d\", name: inside.example.test }")
                .answers()
                .getFirst()
                .problem())
        .contains("answered 10.0.0.7, which is not globally routable (private-use 10.0.0.0/8)");
    assertThat(
            detect(Family.IPV4, "{ server: \"127.0.0.1:%d\", name: nothing.example.test }")
                .answers()
                .getFirst()
                .problem())
        .contains("127.0.0.1 answered NXDOMAIN");
  }

  private Verdict detect(Family family, String dns) {
    String yaml =
        "%s: { sources: [ { dns: %s } ] }".formatted(family.key(), dns.formatted(bind.port()));
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return new DetectConfigs(dir, DetectionContext.system()).load(yaml).detect(family);
  }
}
