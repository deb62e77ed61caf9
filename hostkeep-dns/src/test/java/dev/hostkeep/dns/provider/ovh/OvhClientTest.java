package dev.hostkeep.dns.provider.ovh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.testkit.FakeClock;
import dev.hostkeep.testkit.FakeOvh;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OvhClientTest {
  private static final String LIST = "/dedicated/server/ns1.example.net/secondaryDnsDomains";

  private final FakeClock ovhTime = new FakeClock(Instant.parse("2026-03-01T12:00:00Z"));
  private FakeOvh fake;

  @BeforeEach
  void start() {
    fake = FakeOvh.start(ovhTime);
    fake.addDedicated("ns1.example.net").withDomains("example.com");
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void appliesTheServerTimeDeltaWhenTheLocalClockIsAnHourOff() {
    Clock local = new FakeClock(ovhTime.instant().minus(Duration.ofHours(1)));
    OvhClient client = OvhFakes.client(fake, local);

    assertThat(client.get(LIST).get(0).asText()).isEqualTo("example.com");
    assertThat(client.delta()).isEqualTo(3600);
    client.get(LIST);

    assertThat(fake.count("GET", "/auth/time")).isEqualTo(1);
    assertThat(fake.count("GET", LIST)).isEqualTo(2);
  }

  @Test
  void aWrongSecretIsRefusedAsInvalidSignatureWithQueryIdAndWithoutTheKeys() {
    OvhSettings good = OvhFakes.settings(fake);
    OvhSettings wrong =
        new OvhSettings(
            good.endpoint(),
            good.applicationKey(),
            OvhFakes.secret("not-the-secret-xyz"),
            good.consumerKey(),
            good.timeout(),
            good.apply(),
            good.ownercheckTimeout());

    OvhApiException e = refused(OvhFakes.client(wrong, ovhTime));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.retriable()).isFalse();
    assertThat(e.getMessage())
        .contains("OVH GET " + LIST, "400", "Client::BadRequest", "Invalid signature")
        .contains("query id EU.ext-fake.", "check application_secret and consumer_key")
        .doesNotContain("not-the-secret-xyz")
        .doesNotContain(fake.credentials().consumerKey())
        .doesNotContain(fake.credentials().applicationSecret());
  }

  @Test
  void anUnknownApplicationKeyIsInvalidKey() {
    OvhSettings good = OvhFakes.settings(fake);
    OvhSettings wrong =
        new OvhSettings(
            good.endpoint(),
            "unknownkey",
            good.applicationSecret(),
            good.consumerKey(),
            good.timeout(),
            good.apply(),
            good.ownercheckTimeout());

    OvhApiException e = refused(OvhFakes.client(wrong, ovhTime));

    assertThat(e.status()).isEqualTo(403);
    assertThat(e.errorCode()).contains("INVALID_KEY");
    assertThat(e.getMessage()).contains("Invalid application key", "check application_key");
  }

  @Test
  void aRevokedConsumerKeyIsInvalidCredential() {
    fake.revokeConsumerKey();

    OvhApiException e = refused(OvhFakes.client(fake, ovhTime));

    assertThat(e.errorCode()).contains("INVALID_CREDENTIAL");
    assertThat(e.retriable()).isFalse();
    assertThat(e.getMessage()).contains("403", "This credential is not valid", "consumer_key");
  }

  @Test
  void aCallOutsideTheAccessRulesIsNotGranted() {
    fake.accessRules(List.of(new FakeOvh.AccessRule("GET", "/vps/*")));

    OvhApiException e = refused(OvhFakes.client(fake, ovhTime));

    assertThat(e.errorCode()).contains("NOT_GRANTED_CALL");
    assertThat(e.getMessage()).contains("This call has not been granted", "access rules");
  }

  @Test
  void tooManyRequestsIsThrottledWithTheServersRetryAfter() {
    fake.throttleNext(1, Duration.ofSeconds(7));

    HostkeepException e = failure(OvhFakes.client(fake, ovhTime));

    assertThat(e.retriable()).isTrue();
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(e.getMessage()).contains("OVH GET " + LIST, "429", "query id");
  }

  @Test
  void tooManyRequestsWithoutRetryAfterWaitsTheDefault() {
    fake.throttleNext(1, null);

    HostkeepException e = failure(OvhFakes.client(fake, ovhTime));

    assertThat(e.retryAfter()).contains(OvhClient.DEFAULT_RETRY_AFTER);
  }

  @Test
  void aServerErrorIsRetriableAndTheNextCallSucceeds() {
    fake.failNext(1, 500);
    OvhClient client = OvhFakes.client(fake, ovhTime);

    HostkeepException e = failure(client);

    assertThat(e.retriable()).isTrue();
    assertThat(e.getMessage()).contains("500", "Server::InternalServerError");
    assertThat(client.get(LIST).size()).isEqualTo(1);
  }

  @Test
  void anHtmlPageIsAClearErrorWithStatusContentTypeAndTheStartOfTheBody() {
    fake.htmlNext(1, 502);

    HostkeepException e = failure(OvhFakes.client(fake, ovhTime));

    assertThat(e.getMessage())
        .contains("OVH GET " + LIST, "502", "text/html", "not JSON", "'<!DOCTYPE html> <html>");
    assertThat(e.getMessage().length()).isLessThan(400);
    assertThat(e.retriable()).isTrue();
  }

  @Test
  void aRefusedConnectionIsRetriable() {
    OvhClient client = OvhFakes.client(fake, ovhTime);
    fake.close();

    HostkeepException e = failure(client);

    assertThat(e.retriable()).isTrue();
    assertThat(e.getMessage()).contains("OVH GET /auth/time", fake.baseUrl(), "ConnectException");
  }

  @Test
  void aSlowAnswerTimesOutAndIsRetriable() {
    OvhClient client =
        OvhFakes.client(OvhFakes.settings(fake).withTimeout(Duration.ofMillis(50)), ovhTime);
    fake.latency(Duration.ofMillis(300));

    HostkeepException e = failure(client);

    assertThat(e.retriable()).isTrue();
    assertThat(e.getMessage()).contains("timed out after 50 ms");
  }

  private static OvhApiException refused(OvhClient client) {
    HostkeepException e = failure(client);
    assertThat(e).isInstanceOf(OvhApiException.class);
    return (OvhApiException) e;
  }

  private static HostkeepException failure(OvhClient client) {
    return catchThrowableOfType(HostkeepException.class, () -> client.get(LIST));
  }
}
