package dev.hostkeep.dns.provider.powerdns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.secret.Redactor;
import dev.hostkeep.core.secret.Secret;
import dev.hostkeep.dns.Served;
import dev.hostkeep.testkit.BindServer;
import dev.hostkeep.testkit.PowerDnsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PowerDNS as a secondary, provisioned through its real API, pulling from a real BIND primary. */
class PowerDnsSecondaryTest {
  static final Duration TRANSFER = Duration.ofSeconds(15);

  @TempDir static Path bindDir;
  @TempDir static Path pdnsDir;
  static BindServer primary;
  static PowerDnsServer pdns;
  static PowerDnsSecondary target;

  @BeforeAll
  static void startServers() {
    primary =
        BindServer.builder(bindDir)
            .zone("p1.test", zone("p1.test", "192.0.2.11"))
            .zone("p2.test", zone("p2.test", "192.0.2.12"))
            .zone("p3.test", zone("p3.test", "192.0.2.13"))
            .start();
    pdns = PowerDnsServer.start(pdnsDir);
    target =
        api(pdns.apiKey()).secondary(List.of("127.0.0.1:" + primary.port()), Optional.of(key()));
  }

  @AfterAll
  static void stopServers() {
    if (pdns != null) {
      pdns.close();
    }
    if (primary != null) {
      primary.close();
    }
  }

  @Test
  void anAddedZoneIsTransferredFromThePrimaryAndServed() {
    target.add("p1.test");

    assertThat(target.zones()).contains("p1.test");
    assertThat(Served.await(pdns.dnsPort(), "p1.test", true, TRANSFER))
        .as("PowerDNS serves p1.test\n%s", pdns.logTail())
        .isTrue();
  }

  @Test
  void addingAZoneAgainIsFine() {
    target.add("p2.test");
    target.add("p2.test");

    assertThat(target.zones()).contains("p2.test");
    assertThat(Served.await(pdns.dnsPort(), "p2.test", true, TRANSFER)).isTrue();
  }

  @Test
  void aRemovedZoneIsNoLongerServed() {
    target.add("p3.test");
    assertThat(Served.await(pdns.dnsPort(), "p3.test", true, TRANSFER)).isTrue();

    target.remove("p3.test");

    assertThat(target.zones()).doesNotContain("p3.test");
    assertThat(Served.soa(pdns.dnsPort(), "p3.test")).isFalse();
  }

  @Test
  void removingAZoneThatIsNotThereIsFine() {
    target.remove("never-added.test");

    assertThat(target.zones()).doesNotContain("never-added.test");
  }

  @Test
  void refusesToDeleteAZoneThatIsNotASecondary() throws Exception {
    int status =
        pdns.call(
                "POST",
                "/zones",
                "{\"name\":\"native.test.\",\"kind\":\"Native\",\"nameservers\":[\"ns1.native.test.\"]}")
            .status();
    assertThat(status).isEqualTo(201);

    assertThatThrownBy(() -> target.remove("native.test"))
        .isInstanceOf(HostkeepException.class)
        .hasMessageContaining("refusing to delete zone native.test")
        .hasMessageContaining("Native");
    assertThat(Served.soa(pdns.dnsPort(), "native.test")).isTrue();
    assertThat(target.zones()).doesNotContain("native.test");
  }

  @Test
  void aWrongApiKeyIsAClearErrorWithoutTheKey() {
    String wrongKey = "not-the-api-key-0123";
    PowerDnsSecondary wrong =
        api(wrongKey).secondary(List.of("127.0.0.1:" + primary.port()), Optional.empty());

    assertThatThrownBy(wrong::zones)
        .isInstanceOfSatisfying(HostkeepException.class, e -> assertThat(e.retriable()).isFalse())
        .hasMessageContaining("HTTP 401")
        .hasMessageContaining("api_key")
        .message()
        .doesNotContain(wrongKey)
        .doesNotContain(pdns.apiKey());
  }

  @Test
  void anHtmlAnswerIsNamedAsSuch() throws IOException {
    HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    proxy.createContext(
        "/",
        exchange -> {
          byte[] page =
              "<html><body><h1>502 Bad Gateway</h1></body></html>".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/html");
          exchange.sendResponseHeaders(502, page.length);
          exchange.getResponseBody().write(page);
          exchange.close();
        });
    proxy.start();
    try {
      PowerDnsApi api =
          new PowerDnsApi(
              new PowerDnsConfig(
                  URI.create("http://127.0.0.1:" + proxy.getAddress().getPort()),
                  Secret.of(pdns.apiKey(), new Redactor()),
                  "localhost",
                  Duration.ofSeconds(5)));
      PowerDnsSecondary behindProxy = api.secondary(List.of("127.0.0.1:53"), Optional.empty());

      assertThatThrownBy(behindProxy::zones)
          .isInstanceOfSatisfying(HostkeepException.class, e -> assertThat(e.retriable()).isTrue())
          .hasMessageContaining("HTTP 502")
          .hasMessageContaining("HTML page")
          .hasMessageContaining("502 Bad Gateway")
          .message()
          .doesNotContain(pdns.apiKey());
    } finally {
      proxy.stop(0);
    }
  }

  static PowerDnsApi api(String apiKey) {
    return new PowerDnsApi(
        new PowerDnsConfig(
            pdns.apiUrl(), Secret.of(apiKey, new Redactor()), "localhost", Duration.ofSeconds(5)));
  }

  static PowerDnsSecondary.Key key() {
    return new PowerDnsSecondary.Key(
        primary.keyName(), primary.keyAlgorithm(), Secret.of(primary.keySecret(), new Redactor()));
  }

  static String zone(String origin, String address) {
    return """
        $ORIGIN %s.
        $TTL 300
        @    SOA ns1 hostmaster 1 3600 600 86400 300
        @    NS  ns1
        ns1  A   192.0.2.53
        www  A   %s
        """
        .formatted(origin, address);
  }
}
