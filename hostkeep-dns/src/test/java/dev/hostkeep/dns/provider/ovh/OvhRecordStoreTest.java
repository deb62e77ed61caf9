package dev.hostkeep.dns.provider.ovh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.dns.record.DnsRecord;
import dev.hostkeep.dns.record.RecordGoneException;
import dev.hostkeep.dns.record.RecordStore;
import dev.hostkeep.testkit.FakeOvh;
import dev.hostkeep.testkit.FakeOvhZone;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OvhRecordStoreTest {
  private static final String RECORDS = "/domain/zone/example.com/record";

  private FakeOvh fake;
  private FakeOvhZone zone;
  private RecordStore store;

  @BeforeEach
  void start() {
    fake = FakeOvh.start();
    zone = fake.addZone("example.com");
    store = OvhAccount.open(OvhFakes.settings(fake), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void findsOnlyTheExactSubDomainAndTypeWithOneRequestPerRecord() {
    FakeOvhZone.Record www = zone.seed("www", "A", "192.0.2.1", 300);
    zone.seed("www2", "A", "192.0.2.2", 300);
    zone.seed("www", "AAAA", "2001:db8::1", 300);
    zone.seed("a.www", "A", "192.0.2.3", 300);

    List<DnsRecord> found = store.find("example.com", "www.example.com", "A");

    assertThat(found)
        .containsExactly(
            new DnsRecord(Long.toString(www.id()), "www.example.com", "A", "192.0.2.1", 300));
    assertThat(fake.count("GET", RECORDS)).isEqualTo(2);
    assertThat(store.find("example.com", "www3.example.com", "A")).isEmpty();
  }

  @Test
  void findsTheApex() {
    zone.seed("", "A", "192.0.2.1", 0);
    zone.seed("www", "A", "192.0.2.2", 0);

    assertThat(store.find("example.com", "example.com", "A"))
        .extracting(DnsRecord::describe)
        .containsExactly("example.com A 192.0.2.1");
  }

  @Test
  void createPublishesTheRecordWithARefresh() {
    long serial = zone.serial();

    DnsRecord created =
        store.create("example.com", "office.example.com", "AAAA", "2001:db8::7", 60);

    assertThat(created.id()).isNotNull();
    assertThat(created.describe()).isEqualTo("office.example.com AAAA 2001:db8::7");
    assertThat(zone.published())
        .extracting(FakeOvhZone.Record::subDomain, FakeOvhZone.Record::target)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("office", "2001:db8::7"));
    assertThat(zone.serial()).isEqualTo(serial + 1);
    assertThat(store.find("example.com", "office.example.com", "AAAA")).containsExactly(created);
  }

  @Test
  void updateChangesTargetAndTtlAndPublishes() {
    zone.seed("office", "A", "203.0.113.7", 300);
    DnsRecord found = store.find("example.com", "office.example.com", "A").get(0);

    DnsRecord updated = store.update("example.com", found, "203.0.113.8", 60);

    assertThat(updated.value()).isEqualTo("203.0.113.8");
    assertThat(zone.published())
        .extracting(FakeOvhZone.Record::target, FakeOvhZone.Record::ttl)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("203.0.113.8", 60L));
    assertThat(fake.count("PUT", RECORDS)).isEqualTo(1);
    assertThat(fake.count("POST", "/domain/zone/example.com/refresh")).isEqualTo(1);
  }

  @Test
  void settingTheSameValueIsASuccess() {
    zone.seed("office", "A", "203.0.113.7", 300);
    DnsRecord found = store.find("example.com", "office.example.com", "A").get(0);

    assertThat(store.update("example.com", found, "203.0.113.7", 300)).isEqualTo(found);
  }

  @Test
  void aStaleRecordIdIsReportedAsGone() {
    DnsRecord stale = new DnsRecord("999", "office.example.com", "A", "203.0.113.7", 300);

    RecordGoneException e =
        catchThrowableOfType(
            RecordGoneException.class,
            () -> store.update("example.com", stale, "203.0.113.8", 300));

    assertThat(e.getMessage()).contains("record 999", "office.example.com A 203.0.113.7");
  }

  @Test
  void anUnknownZoneIsAClearError() {
    HostkeepException e =
        catchThrowableOfType(
            HostkeepException.class, () -> store.find("example.org", "www.example.org", "A"));

    assertThat(e.getMessage()).contains("OVH has no DNS zone example.org", "GET /domain/zone");
  }

  @Test
  void throttlingIsRetriableWithRetryAfter() {
    store.find("example.com", "www.example.com", "A"); // reads OVH's time first
    fake.throttleNext(1, Duration.ofSeconds(5));

    HostkeepException e =
        catchThrowableOfType(
            HostkeepException.class, () -> store.find("example.com", "www.example.com", "A"));

    assertThat(e.retriable()).isTrue();
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(5));
  }

  @Test
  void aFailedRefreshSaysTheChangeIsStagedButNotPublished() {
    zone.seed("office", "A", "203.0.113.7", 300);
    DnsRecord found = store.find("example.com", "office.example.com", "A").get(0);
    fake.accessRules(
        List.of(
            new FakeOvh.AccessRule("GET", "/domain/zone/*"),
            new FakeOvh.AccessRule("PUT", "/domain/zone/*")));

    HostkeepException e =
        catchThrowableOfType(
            HostkeepException.class, () -> store.update("example.com", found, "203.0.113.8", 300));

    assertThat(e.getMessage())
        .contains("office.example.com A 203.0.113.8", "staged at OVH but not published")
        .contains("NOT_GRANTED_CALL");
    assertThat(zone.staged()).extracting(FakeOvhZone.Record::target).containsExactly("203.0.113.8");
    assertThat(zone.published())
        .extracting(FakeOvhZone.Record::target)
        .containsExactly("203.0.113.7");
  }

  @Test
  void anHtmlPageIsAClearError() {
    store.find("example.com", "www.example.com", "A");
    fake.htmlNext(1, 502);

    HostkeepException e =
        catchThrowableOfType(
            HostkeepException.class, () -> store.find("example.com", "www.example.com", "A"));

    assertThat(e.retriable()).isTrue();
    assertThat(e.getMessage()).contains("502", "text/html", "not JSON");
  }

  @Test
  void aRevokedConsumerKeyIsAClearErrorWithoutTheKeys() {
    fake.revokeConsumerKey();

    HostkeepException e =
        catchThrowableOfType(
            HostkeepException.class, () -> store.find("example.com", "www.example.com", "A"));

    assertThat(e.getMessage())
        .contains("INVALID_CREDENTIAL")
        .doesNotContain(fake.credentials().consumerKey())
        .doesNotContain(fake.credentials().applicationSecret());
  }
}
