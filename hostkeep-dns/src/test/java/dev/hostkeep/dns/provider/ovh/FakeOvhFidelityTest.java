package dev.hostkeep.dns.provider.ovh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostkeep.testkit.FakeClock;
import dev.hostkeep.testkit.FakeOvh;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake must be able to say no: requests signed by hand, then tampered with. */
class FakeOvhFidelityTest {
  private static final String PATH = "/dedicated/server/ns1.example.net/secondaryDnsDomains";
  private static final String BODY = "{\"domain\":\"example.com\"}";

  private final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T12:00:00Z"));
  private final HttpClient http = HttpClient.newHttpClient();
  private FakeOvh fake;

  @BeforeEach
  void start() {
    fake = FakeOvh.start(clock);
    fake.addDedicated("ns1.example.net");
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void acceptsABodySignedAsSent() throws Exception {
    HttpResponse<String> answer = post(BODY, BODY, now());

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(fake.dedicated("ns1.example.net").domains()).containsExactly("example.com");
  }

  @Test
  void rejectsABodyAlteredAfterSigning() throws Exception {
    HttpResponse<String> answer = post(BODY, "{\"domain\":\"evil.example\"}", now());

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body())
        .isEqualTo("{\"class\":\"Client::BadRequest\",\"message\":\"Invalid signature\"}");
    assertThat(answer.headers().firstValue("X-Ovh-QueryID")).isPresent();
    assertThat(fake.dedicated("ns1.example.net").domains()).isEmpty();
  }

  @Test
  void rejectsAWhitespaceChangeToTheBody() throws Exception {
    assertThat(post(BODY, BODY.replace(":", ": "), now()).statusCode()).isEqualTo(400);
  }

  @Test
  void rejectsATimestampOutsideTheAllowedSkew() throws Exception {
    HttpResponse<String> answer = post(BODY, BODY, now() - 120);

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("Invalid timestamp");
  }

  @Test
  void rejectsARequestWithoutConsumerKeyAsNotCredential() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(fake.baseUrl() + PATH))
            .header("X-Ovh-Application", fake.credentials().applicationKey())
            .GET()
            .build();

    HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(answer.body()).contains("\"errorCode\":\"NOT_CREDENTIAL\"");
  }

  @Test
  void servesItsOwnClockAndLogsEveryRequest() throws Exception {
    clock.advance(Duration.ofHours(5));
    HttpResponse<String> time =
        http.send(
            HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/auth/time")).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(time.body()).isEqualTo(Long.toString(now()));
    assertThat(fake.requests())
        .singleElement()
        .satisfies(r -> assertThat(r.path()).isEqualTo("/auth/time"));
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }

  private HttpResponse<String> post(String signedBody, String sentBody, long timestamp)
      throws Exception {
    FakeOvh.Credentials keys = fake.credentials();
    String url = fake.baseUrl() + PATH;
    String signature =
        OvhSigner.sign(
            keys.applicationSecret(), keys.consumerKey(), "POST", url, signedBody, timestamp);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .header("X-Ovh-Application", keys.applicationKey())
            .header("X-Ovh-Consumer", keys.consumerKey())
            .header("X-Ovh-Timestamp", Long.toString(timestamp))
            .header("X-Ovh-Signature", signature)
            .POST(HttpRequest.BodyPublishers.ofString(sentBody))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
