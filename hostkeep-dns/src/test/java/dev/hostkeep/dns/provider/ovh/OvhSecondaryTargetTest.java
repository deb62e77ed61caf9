package dev.hostkeep.dns.provider.ovh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.dns.secondary.SecondaryTarget;
import dev.hostkeep.testkit.FakeOvh;
import dev.hostkeep.testkit.FakeOvhService;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OvhSecondaryTargetTest {
  private static final String SERVER = "ns123.ip-1-2-3.eu";
  private static final String VPS = "vps-0a1b2c3d.vps.ovh.net";

  private FakeOvh fake;
  private OvhAccount account;

  @BeforeEach
  void start() {
    fake = FakeOvh.start();
    fake.addDedicated(SERVER).withDomains("example.com", "Example.ORG.");
    fake.addVps(VPS).withDomains("example.net");
    account = OvhAccount.open(OvhFakes.settings(fake), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @ParameterizedTest
  @EnumSource(ServiceKind.class)
  void listsAddsAndRemovesZones(ServiceKind kind) {
    SecondaryTarget target = account.secondary(service(kind), kind);
    FakeOvhService service = fakeService(kind);
    String before = service.domains().iterator().next();

    target.add("new.example");
    target.remove(before);

    assertThat(service.domains()).contains("new.example").doesNotContain(before);
    assertThat(target.zones()).contains("new.example").doesNotContain(before);
    assertThat(target.name()).isEqualTo("ovh:" + service(kind));
  }

  @Test
  void listedZonesAreNormalised() {
    assertThat(account.secondary(SERVER, ServiceKind.DEDICATED).zones())
        .containsExactly("example.com", "example.org");
  }

  @Test
  void sendsThePrimaryIpWhenConfigured() {
    account
        .secondary(
            SERVER,
            ServiceKind.DEDICATED,
            Optional.of("198.51.100.7"),
            OvhSettings.DEFAULT_APPLY,
            Optional.empty())
        .add("with-ip.example");

    assertThat(fake.dedicated(SERVER).domain("with-ip.example").orElseThrow().ipMaster())
        .isEqualTo("198.51.100.7");
  }

  @Test
  void addingAZoneThatIsAlreadyThereCountsAsDone() {
    account.secondary(SERVER, ServiceKind.DEDICATED).add("example.com");

    assertThat(fake.requests()).anyMatch(r -> r.method().equals("POST") && r.status() == 409);
    assertThat(fake.dedicated(SERVER).domains()).contains("example.com");
  }

  @Test
  void removingAZoneThatIsGoneCountsAsDone() {
    account.secondary(SERVER, ServiceKind.DEDICATED).remove("gone.example");

    assertThat(fake.requests()).anyMatch(r -> r.method().equals("DELETE") && r.status() == 404);
  }

  @Test
  void anUnknownServiceSaysSoOnEveryCall() {
    SecondaryTarget target = account.secondary("ns999.example.net", ServiceKind.DEDICATED);

    Stream.<Runnable>of(target::zones, () -> target.add("a.example"), () -> target.remove("a"))
        .forEach(
            call -> {
              HostkeepException e = catchThrowableOfType(HostkeepException.class, call::run);
              assertThat(e.getMessage())
                  .contains("404", "This service does not exist", "ns999.example.net");
              assertThat(e.retriable()).isFalse();
            });
  }

  @Test
  void defaultsToOvhsConservativePace() {
    SecondaryTarget target = account.secondary(SERVER, ServiceKind.DEDICATED);

    assertThat(target.settings().concurrency()).isEqualTo(2);
    assertThat(target.settings().pace()).isEqualTo(Duration.ofSeconds(1));
    assertThat(target.settings().maxAttempts()).isEqualTo(4);
  }

  @Test
  void provisioningNZonesMakesOneTimeCallAndNPosts() {
    SecondaryTarget target = account.secondary(SERVER, ServiceKind.DEDICATED);

    for (int i = 0; i < 20; i++) {
      target.add("zone" + i + ".example");
    }

    assertThat(fake.requests()).hasSize(1 + 20);
    assertThat(fake.count("POST", "/dedicated/server/" + SERVER + "/secondaryDnsDomains"))
        .isEqualTo(20);
  }

  @Test
  void concurrentFirstCallsReadTheServerTimeOnce() throws Exception {
    SecondaryTarget target = account.secondary(VPS, ServiceKind.VPS);

    try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      var calls = new java.util.ArrayList<java.util.concurrent.Future<?>>();
      for (int i = 0; i < 8; i++) {
        calls.add(threads.submit(target::zones));
      }
      for (var call : calls) {
        call.get();
      }
    }

    assertThat(fake.count("GET", "/auth/time")).isEqualTo(1);
  }

  @Test
  void aThrottledAddCarriesOvhsRetryAfter() {
    SecondaryTarget target = account.secondary(SERVER, ServiceKind.DEDICATED);
    fake.throttleNext(1, Duration.ofSeconds(3));

    HostkeepException e =
        catchThrowableOfType(HostkeepException.class, () -> target.add("later.example"));

    assertThat(e.retriable()).isTrue();
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
    target.add("later.example");
    assertThat(fake.dedicated(SERVER).domains()).contains("later.example");
  }

  @Test
  void ownercheckPublishesAwaitsAddsThenWithdraws() {
    RecordingPublisher publisher = new RecordingPublisher();
    fake.ownercheckResolvedBy(publisher::txt);
    String token = fake.dedicated(SERVER).token("owned.example");

    withOwnercheck(publisher).add("owned.example");

    assertThat(publisher.steps())
        .containsExactly(
            "publish owned.example " + token, "await owned.example", "withdraw owned.example");
    assertThat(fake.dedicated(SERVER).domains()).contains("owned.example");
    assertThat(publisher.txt("ownercheck.owned.example")).isEmpty();
    assertThat(fake.requests())
        .extracting(r -> r.method() + " " + r.path())
        .containsSubsequence(
            "GET /dedicated/server/" + SERVER + "/secondaryDnsNameDomainToken",
            "POST /dedicated/server/" + SERVER + "/secondaryDnsDomains");
  }

  @Test
  void ownercheckWithdrawsAndDoesNotAddWhenTheTokenIsNeverServed() {
    RecordingPublisher publisher = new RecordingPublisher().neverServing();
    fake.ownercheckResolvedBy(publisher::txt);

    assertThatThrownBy(() -> withOwnercheck(publisher).add("slow.example"))
        .isInstanceOf(HostkeepException.class)
        .hasMessageContaining("not served");

    assertThat(publisher.steps()).last().isEqualTo("withdraw slow.example");
    assertThat(fake.count("POST", "/dedicated")).isZero();
    assertThat(fake.dedicated(SERVER).domains()).doesNotContain("slow.example");
  }

  @Test
  void ownercheckWithdrawsWhenOvhRefusesTheZone() {
    RecordingPublisher publisher = new RecordingPublisher();
    fake.ownercheckAlwaysFails();

    HostkeepException e =
        catchThrowableOfType(
            HostkeepException.class, () -> withOwnercheck(publisher).add("refused.example"));

    assertThat(e.getMessage()).contains("403", "ownership");
    assertThat(publisher.steps()).last().isEqualTo("withdraw refused.example");
    assertThat(fake.dedicated(SERVER).domains()).doesNotContain("refused.example");
  }

  @Test
  void withoutOwnercheckAFailedCheckFailsTheAdd() {
    fake.ownercheckAlwaysFails();

    assertThatThrownBy(() -> account.secondary(SERVER, ServiceKind.DEDICATED).add("x.example"))
        .isInstanceOf(HostkeepException.class)
        .hasMessageContaining("Unable to verify the ownership of x.example");
  }

  @Test
  void ownercheckIsRefusedForAVps() {
    assertThatThrownBy(
            () ->
                account.secondary(
                    VPS,
                    ServiceKind.VPS,
                    Optional.empty(),
                    OvhSettings.DEFAULT_APPLY,
                    Optional.of(new RecordingPublisher())))
        .isInstanceOf(HostkeepException.class)
        .hasMessageContaining("only be handled for dedicated servers");
  }

  private SecondaryTarget withOwnercheck(RecordingPublisher publisher) {
    return account.secondary(
        SERVER,
        ServiceKind.DEDICATED,
        Optional.empty(),
        OvhSettings.DEFAULT_APPLY,
        Optional.of(publisher));
  }

  private static String service(ServiceKind kind) {
    return kind == ServiceKind.DEDICATED ? SERVER : VPS;
  }

  private FakeOvhService fakeService(ServiceKind kind) {
    return kind == ServiceKind.DEDICATED ? fake.dedicated(SERVER) : fake.vps(VPS);
  }
}
