package dev.hostkeep.dns.provider.alidns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.dns.record.DnsRecord;
import dev.hostkeep.dns.record.RecordGoneException;
import dev.hostkeep.testkit.FakeAlidns;
import dev.hostkeep.testkit.FakeAlidnsRecord;
import dev.hostkeep.testkit.FakeAlidnsZone;
import dev.hostkeep.testkit.FakeClock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlidnsRecordStoreTest {
  private static final String ZONE = "example.com";

  private final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T12:00:00Z"));
  private FakeAlidns fake;
  private FakeAlidnsZone zone;
  private AlidnsRecordStore store;

  @BeforeEach
  void start() {
    fake = FakeAlidns.start(clock);
    zone = fake.addZone(ZONE);
    store = AlidnsFakes.store(fake, clock);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void findsExactlyTheNameAskedForNeverAPrefixMatch() {
    FakeAlidnsRecord www = zone.add("www", "A", "192.0.2.1", 600);
    zone.add("www2", "A", "192.0.2.2", 600);
    zone.add("www", "AAAA", "2001:db8::1", 600);
    zone.add("a.www", "A", "192.0.2.3", 600);

    List<DnsRecord> found = store.find(ZONE, "WWW.Example.com.", "a");

    assertThat(found)
        .containsExactly(new DnsRecord(www.id(), "www.example.com", "A", "192.0.2.1", 600));
    assertThat(fake.count("DescribeSubDomainRecords")).isEqualTo(1);
  }

  @Test
  void findsNothingAsAnEmptyList() {
    zone.add("www2", "A", "192.0.2.2", 600);

    assertThat(store.find(ZONE, "www.example.com", "A")).isEmpty();
  }

  @Test
  void findsTheApex() {
    FakeAlidnsRecord apex = zone.add("@", "A", "192.0.2.9", 600);

    assertThat(store.find(ZONE, "example.com", "A"))
        .extracting(DnsRecord::id)
        .containsExactly(apex.id());
  }

  @Test
  void readsEveryPageWhenThereAreMoreRecordsThanOnePageHolds() {
    for (int i = 0; i < AlidnsRecordStore.PAGE_SIZE + 20; i++) {
      zone.add("multi", "TXT", "v" + i, 600);
    }

    assertThat(store.find(ZONE, "multi.example.com", "TXT"))
        .hasSize(AlidnsRecordStore.PAGE_SIZE + 20);
    assertThat(fake.count("DescribeSubDomainRecords")).isEqualTo(2);
  }

  @Test
  void createsARecordAndReturnsItWithItsId() {
    DnsRecord created = store.create(ZONE, "office.example.com", "A", "203.0.113.7", 600);

    FakeAlidnsRecord held = zone.record("office", "A").orElseThrow();
    assertThat(created)
        .isEqualTo(new DnsRecord(held.id(), "office.example.com", "A", "203.0.113.7", 600));
    assertThat(held.id()).containsOnlyDigits();
  }

  @Test
  void createsTheApexAsAt() {
    store.create(ZONE, "example.com", "A", "203.0.113.7", 600);

    assertThat(zone.record("@", "A")).map(FakeAlidnsRecord::value).contains("203.0.113.7");
  }

  @Test
  void raisesATtlBelowTheFreeEditionsMinimumTo600() {
    DnsRecord created = store.create(ZONE, "office.example.com", "A", "203.0.113.7", 60);

    assertThat(created.ttl()).isEqualTo(600);
    assertThat(zone.record("office", "A").orElseThrow().ttl()).isEqualTo(600);
  }

  @Test
  void keepsAShortTtlWhenThePaidEditionAllowsIt() {
    fake.minTtl(1);
    AlidnsRecordStore paid =
        AlidnsRecordStore.open(AlidnsFakes.settings(fake).withMinTtl(1), clock);

    paid.create(ZONE, "office.example.com", "A", "203.0.113.7", 60);

    assertThat(zone.record("office", "A").orElseThrow().ttl()).isEqualTo(60);
  }

  @Test
  void signsIpv6ValuesAndWildcards() {
    DnsRecord created = store.create(ZONE, "*.example.com", "AAAA", "2001:db8::1", 600);
    DnsRecord updated = store.update(ZONE, created, "2001:db8:0:1::2", 600);

    assertThat(zone.record("*", "AAAA").orElseThrow().value()).isEqualTo("2001:db8:0:1::2");
    assertThat(updated.value()).isEqualTo("2001:db8:0:1::2");
    assertThat(store.find(ZONE, "*.example.com", "AAAA")).containsExactly(updated);
  }

  @Test
  void updatesARecordById() {
    FakeAlidnsRecord held = zone.add("office", "A", "192.0.2.1", 600);
    DnsRecord found = store.find(ZONE, "office.example.com", "A").get(0);

    DnsRecord updated = store.update(ZONE, found, "203.0.113.7", 600);

    assertThat(updated)
        .isEqualTo(new DnsRecord(held.id(), "office.example.com", "A", "203.0.113.7", 600));
    assertThat(fake.record(held.id()).orElseThrow().value()).isEqualTo("203.0.113.7");
  }

  @Test
  void updatingToTheValueItAlreadyHasIsASuccess() {
    FakeAlidnsRecord held = zone.add("office", "A", "203.0.113.7", 600);
    DnsRecord found = store.find(ZONE, "office.example.com", "A").get(0);

    DnsRecord same = store.update(ZONE, found, "203.0.113.7", 600);

    assertThat(same).isEqualTo(found);
    assertThat(fake.requests())
        .filteredOn(r -> "UpdateDomainRecord".equals(r.action()))
        .singleElement()
        .satisfies(r -> assertThat(r.code()).isEqualTo("DomainRecordDuplicate"));
    assertThat(fake.record(held.id()).orElseThrow().value()).isEqualTo("203.0.113.7");
  }

  @Test
  void updatingToAValueAnotherRecordHoldsIsAnError() {
    zone.add("office", "A", "203.0.113.7", 600);
    FakeAlidnsRecord second = zone.add("office", "A", "192.0.2.1", 600);
    DnsRecord stale = new DnsRecord(second.id(), "office.example.com", "A", "192.0.2.1", 600);

    HostkeepException e =
        catchThrowableOfType(
            HostkeepException.class, () -> store.update(ZONE, stale, "203.0.113.7", 600));

    assertThat(e).isNotInstanceOf(RecordGoneException.class);
    assertThat(e.getMessage()).contains("DomainRecordDuplicate", "another office.example.com A");
    assertThat(e.retriable()).isFalse();
  }

  @Test
  void aStaleRecordIdIsGone() {
    FakeAlidnsRecord held = zone.add("office", "A", "192.0.2.1", 600);
    DnsRecord remembered = store.find(ZONE, "office.example.com", "A").get(0);
    fake.deleteRecord(held.id());

    assertThatThrownBy(() -> store.update(ZONE, remembered, "203.0.113.7", 600))
        .isInstanceOf(RecordGoneException.class)
        .hasMessageContaining(held.id())
        .hasMessageContaining("DomainRecordNotBelongToUser");
  }

  @Test
  void aRecordWithoutIdIsRefusedWithoutARequest() {
    DnsRecord noId = new DnsRecord(null, "office.example.com", "A", "192.0.2.1", 600);

    assertThatThrownBy(() -> store.update(ZONE, noId, "203.0.113.7", 600))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(fake.count()).isZero();
  }

  @Test
  void aZoneNotInTheAccountSaysSo() {
    assertThatThrownBy(() -> store.create("example.org", "www.example.org", "A", "192.0.2.1", 600))
        .isInstanceOf(HostkeepException.class)
        .hasMessageContaining("InvalidDomainName.NoExist")
        .hasMessageContaining("not in this Alidns account");
  }

  @Test
  void usesAFreshNonceAndTheClocksUtcTimeForEveryCall() {
    store.find(ZONE, "a.example.com", "A");
    store.find(ZONE, "a.example.com", "A");

    assertThat(fake.requests())
        .extracting(r -> r.params().get("SignatureNonce"))
        .doesNotHaveDuplicates()
        .hasSize(2);
    assertThat(fake.requests())
        .allSatisfy(
            r -> {
              assertThat(r.method()).isEqualTo("POST");
              assertThat(r.params()).containsEntry("Timestamp", "2026-03-01T12:00:00Z");
              assertThat(r.params()).containsEntry("Format", "JSON");
            });
  }

  @Test
  void pacesConservativelyByDefault() {
    assertThat(store.settings()).isEqualTo(AlidnsSettings.DEFAULT_APPLY);
    assertThat(store.settings().concurrency()).isEqualTo(2);
  }
}
