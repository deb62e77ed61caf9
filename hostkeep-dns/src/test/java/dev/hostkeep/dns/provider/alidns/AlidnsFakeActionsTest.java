package dev.hostkeep.dns.provider.alidns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.testkit.FakeAlidns;
import dev.hostkeep.testkit.FakeAlidnsRecord;
import dev.hostkeep.testkit.FakeAlidnsZone;
import dev.hostkeep.testkit.FakeClock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The record actions of {@link FakeAlidns} keep Alidns's rules; driven by the raw client. */
class AlidnsFakeActionsTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T12:00:00Z"));
  private FakeAlidns fake;
  private FakeAlidnsZone zone;
  private AlidnsClient client;

  @BeforeEach
  void start() {
    fake = FakeAlidns.start(clock);
    zone = fake.addZone("example.com");
    AlidnsSettings settings = AlidnsFakes.settings(fake);
    client =
        new AlidnsClient(
            settings.endpoint(),
            settings.accessKeyId(),
            settings.accessKeySecret(),
            settings.timeout(),
            clock);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void lowerCasesTheRrAndRefusesAnIdenticalRecord() {
    Map<String, String> add =
        Map.of("DomainName", "example.com", "RR", "Office", "Type", "A", "Value", "192.0.2.1");

    JsonNode added = client.call("AddDomainRecord", add);

    assertThat(fake.record(added.path("RecordId").asText()))
        .map(FakeAlidnsRecord::rr)
        .contains("office");
    assertThat(code(() -> client.call("AddDomainRecord", add))).isEqualTo("DomainRecordDuplicate");
  }

  @Test
  void refusesACnameBesideOtherData() {
    zone.add("www", "A", "192.0.2.1", 600);

    assertThat(
            code(
                () ->
                    client.call(
                        "AddDomainRecord",
                        Map.of(
                            "DomainName", "example.com",
                            "RR", "www",
                            "Type", "CNAME",
                            "Value", "elsewhere.example.net"))))
        .isEqualTo("DomainRecordConflict");
  }

  @Test
  void refusesATtlBelowTheEditionsMinimum() {
    assertThat(
            code(
                () ->
                    client.call(
                        "AddDomainRecord",
                        Map.of(
                            "DomainName", "example.com",
                            "RR", "www",
                            "Type", "A",
                            "Value", "192.0.2.1",
                            "TTL", "60"))))
        .isEqualTo("QuotaExceeded.TTL");
  }

  @Test
  void describesAndDeletesByIdThenForgetsTheId() {
    FakeAlidnsRecord held = zone.add("www", "A", "192.0.2.1", 600);

    JsonNode info = client.call("DescribeDomainRecordInfo", Map.of("RecordId", held.id()));
    client.call("DeleteDomainRecord", Map.of("RecordId", held.id()));

    assertThat(info.path("RR").asText()).isEqualTo("www");
    assertThat(info.path("DomainName").asText()).isEqualTo("example.com");
    assertThat(info.path("RecordId").asText()).isEqualTo(held.id());
    assertThat(zone.records()).isEmpty();
    assertThat(code(() -> client.call("DeleteDomainRecord", Map.of("RecordId", held.id()))))
        .isEqualTo("DomainRecordNotBelongToUser");
    assertThat(code(() -> client.call("DescribeDomainRecordInfo", Map.of("RecordId", held.id()))))
        .isEqualTo("DomainRecordNotBelongToUser");
  }

  @Test
  void answersAnUnknownActionAndAMissingParameter() {
    assertThat(code(() -> client.call("DescribeEverything", Map.of())))
        .isEqualTo("InvalidAction.NotFound");
    assertThat(code(() -> client.call("UpdateDomainRecord", Map.of("RecordId", "1"))))
        .isEqualTo("MissingParameter");
  }

  @Test
  void throttlesEveryNthCall() {
    fake.throttleEvery(2);
    Map<String, String> find = Map.of("SubDomain", "www.example.com");

    client.call("DescribeSubDomainRecords", find);
    HostkeepException second =
        catchThrowableOfType(
            HostkeepException.class, () -> client.call("DescribeSubDomainRecords", find));
    client.call("DescribeSubDomainRecords", find);

    assertThat(second.retriable()).isTrue();
    assertThat(second.getMessage()).contains("Throttling.User");
    assertThat(fake.requests())
        .extracting(FakeAlidns.Request::code)
        .containsExactly(null, "Throttling.User", null);
  }

  @Test
  void aDisabledKeyIsRefused() {
    fake.disableKey();

    assertThat(
            code(() -> client.call("DescribeSubDomainRecords", Map.of("SubDomain", "example.com"))))
        .isEqualTo("InvalidAccessKeyId.Inactive");
  }

  private static String code(Runnable call) {
    AlidnsApiException e = catchThrowableOfType(AlidnsApiException.class, call::run);
    assertThat(e).as("an Alidns error").isNotNull();
    return e.code().orElse(null);
  }
}
