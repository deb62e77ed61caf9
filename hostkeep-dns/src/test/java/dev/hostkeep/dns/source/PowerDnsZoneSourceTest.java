package dev.hostkeep.dns.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.secret.Redactor;
import dev.hostkeep.core.secret.Secret;
import dev.hostkeep.dns.secondary.ZoneListing;
import dev.hostkeep.testkit.PowerDnsServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real PowerDNS 4.7 holding zones of every kind the API knows. */
class PowerDnsZoneSourceTest {
  @TempDir static Path dir;
  static PowerDnsServer pdns;

  @BeforeAll
  static void startPowerDnsWithZones() throws Exception {
    pdns = PowerDnsServer.start(dir);
    try (HttpClient http = HttpClient.newHttpClient()) {
      create(http, "{\"name\":\"native.test.\",\"kind\":\"Native\",\"account\":\"hosting\"}");
      create(http, "{\"name\":\"Master.TEST.\",\"kind\":\"Master\",\"account\":\"hosting\"}");
      create(http, "{\"name\":\"other.test.\",\"kind\":\"Master\",\"account\":\"reseller\"}");
      create(http, "{\"name\":\"xn--bcher-kva.test.\",\"kind\":\"Native\"}");
      create(http, "{\"name\":\"slave.test.\",\"kind\":\"Slave\",\"masters\":[\"192.0.2.1\"]}");
      create(
          http,
          "{\"name\":\"secondary.test.\",\"kind\":\"Slave\",\"masters\":[\"192.0.2.1\"],"
              + "\"account\":\"hosting\"}");
    }
  }

  private static void create(HttpClient http, String zone) throws Exception {
    String json =
        zone.contains("Slave")
            ? zone
            : zone.replaceFirst("\\}$", ",\"nameservers\":[\"ns1.example.net.\"]}");
    HttpRequest request =
        HttpRequest.newBuilder(pdns.apiUrl().resolve("/api/v1/servers/localhost/zones"))
            .header("X-API-Key", pdns.apiKey())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    if (pdns != null) {
      pdns.close();
    }
  }

  private static PowerDnsSourceSettings settings() {
    return PowerDnsSourceSettings.of(pdns.apiUrl(), Secret.of(pdns.apiKey(), new Redactor()));
  }

  @Test
  void listsMasterAndNativeZonesButNotSlaves() {
    ZoneListing listing = new PowerDnsZoneSource(settings()).read();

    assertThat(listing.zones())
        .containsExactly("master.test", "native.test", "other.test", "xn--bcher-kva.test");
    assertThat(listing.problems()).isEmpty();
  }

  @Test
  void anAccountLimitsTheListToItsZones() {
    ZoneListing listing = new PowerDnsZoneSource(settings().withAccount("hosting")).read();

    assertThat(listing.zones()).containsExactly("master.test", "native.test");
  }

  @Test
  void configuredKindsReplaceTheDefault() {
    PowerDnsSourceSettings slaves =
        new PowerDnsSourceSettings(
            pdns.apiUrl(),
            Secret.of(pdns.apiKey(), new Redactor()),
            List.of("Slave"),
            Optional.empty(),
            PowerDnsSourceSettings.DEFAULT_TIMEOUT);

    assertThat(new PowerDnsZoneSource(slaves).read().zones())
        .containsExactly("secondary.test", "slave.test");
  }

  @Test
  void aUrlWithTrailingSlashOrApiPathWorksToo() {
    PowerDnsSourceSettings withPath =
        PowerDnsSourceSettings.of(
            pdns.apiUrl().resolve("/api/v1/"), Secret.of(pdns.apiKey(), new Redactor()));

    assertThat(new PowerDnsZoneSource(withPath).read().zones()).contains("native.test");
  }

  @Test
  void aWrongApiKeyIsRefusedWithoutShowingAnyKey() {
    PowerDnsSourceSettings wrong =
        PowerDnsSourceSettings.of(pdns.apiUrl(), Secret.of("wrong-key-123", new Redactor()));

    assertThat(
            catchThrowableOfType(
                HostkeepException.class, () -> new PowerDnsZoneSource(wrong).read()))
        .satisfies(
            e -> {
              assertThat(e.getMessage())
                  .contains("answered 401")
                  .endsWith("; check api_key")
                  .doesNotContain("wrong-key-123")
                  .doesNotContain(pdns.apiKey());
              assertThat(e.retriable()).isFalse();
            });
  }
}
