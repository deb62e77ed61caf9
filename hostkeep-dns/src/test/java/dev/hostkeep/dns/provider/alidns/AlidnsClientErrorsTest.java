package dev.hostkeep.dns.provider.alidns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.testkit.FakeAlidns;
import dev.hostkeep.testkit.FakeClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlidnsClientErrorsTest {
  private static final String ZONE = "example.com";
  private static final String WRONG_SECRET = "wr0ng-s3cret-value";

  private final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T12:00:00Z"));
  private FakeAlidns fake;
  private AlidnsRecordStore store;

  @BeforeEach
  void start() {
    fake = FakeAlidns.start(clock);
    fake.addZone(ZONE);
    store = AlidnsFakes.store(fake, clock);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void throttlingIsRetriableWithARetryAfter() {
    fake.throttleNext(1);

    HostkeepException e = find();

    assertThat(e.retriable()).isTrue();
    assertThat(e.retryAfter()).contains(AlidnsClient.DEFAULT_RETRY_AFTER);
    assertThat(e.getMessage()).contains("DescribeSubDomainRecords", "400", "Throttling.User");
    assertThat(store.find(ZONE, "www.example.com", "A")).isEmpty();
  }

  @Test
  void a429HonoursRetryAfter() {
    fake.throttleNext(1, 429, Duration.ofSeconds(7));

    HostkeepException e = find();

    assertThat(e.retriable()).isTrue();
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
  }

  @Test
  void serverErrorsAreRetriable() {
    fake.failNext(1, 503);

    HostkeepException e = find();

    assertThat(e.retriable()).isTrue();
    assertThat(e.retryAfter()).isEmpty();
    assertThat(e.getMessage()).contains("503", "ServiceUnavailable");
  }

  @Test
  void anHtmlAnswerSaysWhatCameBack() {
    fake.htmlNext(1, 502);

    HostkeepException e = find();

    assertThat(e.getMessage())
        .contains("Alidns DescribeSubDomainRecords", "502", "text/html", "not JSON")
        .contains("<!DOCTYPE html>", "Bad Gateway")
        .contains("https://alidns.aliyuncs.com/");
    assertThat(e.retriable()).isTrue();
  }

  @Test
  void aWrongSecretIsSignatureDoesNotMatchAndNeverShowsTheSecret() {
    AlidnsRecordStore wrong =
        AlidnsRecordStore.open(
            new AlidnsSettings(
                AlidnsFakes.settings(fake).endpoint(),
                fake.credentials().accessKeyId(),
                AlidnsFakes.secret(WRONG_SECRET),
                Duration.ofSeconds(5),
                600,
                AlidnsSettings.DEFAULT_APPLY),
            clock);

    HostkeepException e =
        catchThrowableOfType(
            HostkeepException.class, () -> wrong.find(ZONE, "www.example.com", "A"));

    assertThat(e.getMessage())
        .contains("SignatureDoesNotMatch", "server string to sign is:POST&%2F&")
        .contains("check access_key_secret")
        .doesNotContain(WRONG_SECRET)
        .doesNotContain(fake.credentials().accessKeySecret());
    assertThat(e.retriable()).isFalse();
    assertThat(wrong.toString()).doesNotContain(WRONG_SECRET);
  }

  @Test
  void anUnknownKeyIdSaysWhichSettingToCheck() {
    AlidnsRecordStore unknown =
        AlidnsRecordStore.open(
            AlidnsSettings.of("LTAInobody", AlidnsFakes.secret("x"))
                .withEndpoint(AlidnsFakes.settings(fake).endpoint()),
            clock);

    HostkeepException e =
        catchThrowableOfType(
            HostkeepException.class, () -> unknown.find(ZONE, "www.example.com", "A"));

    assertThat(e.getMessage())
        .contains("404", "InvalidAccessKeyId.NotFound", "check access_key_id");
  }

  @Test
  void aClockAnHourOffIsExplained() {
    AlidnsRecordStore late =
        AlidnsFakes.store(fake, new FakeClock(clock.instant().minus(Duration.ofHours(1))));

    HostkeepException e =
        catchThrowableOfType(
            HostkeepException.class, () -> late.find(ZONE, "www.example.com", "A"));

    assertThat(e.getMessage()).contains("InvalidTimeStamp.Expired", "clock");
    assertThat(e.retriable()).isFalse();
  }

  @Test
  void aSlowAnswerTimesOutRetriably() {
    fake.latency(Duration.ofSeconds(2));
    AlidnsRecordStore impatient =
        AlidnsRecordStore.open(
            AlidnsFakes.settings(fake).withTimeout(Duration.ofMillis(200)), clock);

    HostkeepException e =
        catchThrowableOfType(
            HostkeepException.class, () -> impatient.find(ZONE, "www.example.com", "A"));

    assertThat(e.retriable()).isTrue();
    assertThat(e.getMessage()).contains("timed out after 200 ms");
  }

  @Test
  void aRefusedConnectionIsRetriable() {
    AlidnsSettings settings = AlidnsFakes.settings(fake);
    fake.close();

    HostkeepException e =
        catchThrowableOfType(
            HostkeepException.class,
            () -> AlidnsRecordStore.open(settings, clock).find(ZONE, "www.example.com", "A"));

    assertThat(e.retriable()).isTrue();
    assertThat(e.getMessage()).contains("Alidns DescribeSubDomainRecords at http://127.0.0.1:");
  }

  private HostkeepException find() {
    return catchThrowableOfType(
        HostkeepException.class, () -> store.find(ZONE, "www.example.com", "A"));
  }
}
