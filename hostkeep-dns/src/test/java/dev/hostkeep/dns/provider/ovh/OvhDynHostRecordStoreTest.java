package dev.hostkeep.dns.provider.ovh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hostkeep.core.ExitCode;
import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.secret.Redactor;
import dev.hostkeep.core.secret.Secret;
import dev.hostkeep.dns.record.DnsRecord;
import dev.hostkeep.testkit.FakeClock;
import dev.hostkeep.testkit.FakeDynHost;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OvhDynHostRecordStoreTest {
  private FakeDynHost fake;
  private DynHostRecordStore store;

  @BeforeEach
  void start() {
    fake = FakeDynHost.start().addHost("office.example.com").addHost("example.com");
    store = store(fake.password());
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void findSendsNothingAndReportsOneRecordOfUnknownValue() {
    assertThat(store.find("example.com", "Office.Example.com.", "a"))
        .containsExactly(
            new DnsRecord(null, "office.example.com", "A", DynHostRecordStore.UNKNOWN, 0));
    assertThat(fake.requests()).isEmpty();
  }

  @Test
  void updateSetsTheAddressWithOneDyndns2Request() {
    DnsRecord found = store.find("example.com", "office.example.com", "A").get(0);

    DnsRecord updated = store.update("example.com", found, "203.0.113.7", 60);

    assertThat(updated.value()).isEqualTo("203.0.113.7");
    assertThat(fake.address("office.example.com", "A")).contains("203.0.113.7");
    assertThat(fake.requests()).hasSize(1);
    assertThat(fake.requests().get(0).query())
        .isEqualTo("system=dyndns&hostname=office.example.com&myip=203.0.113.7");
  }

  @Test
  void settingTheSameAddressAgainIsASuccess() {
    DnsRecord found = store.find("example.com", "office.example.com", "A").get(0);
    store.update("example.com", found, "203.0.113.7", 60);

    assertThat(store.update("example.com", found, "203.0.113.7", 60).value())
        .isEqualTo("203.0.113.7");
    assertThat(fake.requests().get(1).answer()).isEqualTo("nochg 203.0.113.7");
  }

  @Test
  void reportsTheAddressOvhSaysItSet() {
    fake.answerNext(1, "good 198.51.100.1");

    DnsRecord created = store.create("example.com", "office.example.com", "A", "203.0.113.7", 60);

    assertThat(created.value()).isEqualTo("198.51.100.1");
  }

  @Test
  void createIsTheSameUpdateAndWorksForIpv6AtTheApex() {
    DnsRecord created = store.create("example.com", "example.com", "AAAA", "2001:db8::7", 60);

    assertThat(created.describe()).isEqualTo("example.com AAAA 2001:db8::7");
    assertThat(fake.address("example.com", "AAAA")).contains("2001:db8::7");
  }

  @Test
  void aHostnameTheLoginMayNotUpdateSaysWhatToDo() {
    HostkeepException e =
        catchThrowableOfType(
            HostkeepException.class,
            () -> store.create("example.com", "www.example.com", "A", "203.0.113.7", 60));

    assertThat(e.retriable()).isFalse();
    assertThat(e.getMessage()).contains("nohost", "www.example.com", "DynHost tab");
  }

  @Test
  void aWrongPasswordIsBadauthWithoutThePassword() {
    String wrong = "not-the-password-42";
    HostkeepException e =
        catchThrowableOfType(
            HostkeepException.class,
            () -> store(wrong).create("example.com", "office.example.com", "A", "203.0.113.7", 60));

    assertThat(e.retriable()).isFalse();
    assertThat(e.getMessage())
        .contains("badauth", "example.com-hostkeep", "check username and password")
        .doesNotContain(wrong)
        .doesNotContain(fake.password());
  }

  @Test
  void serverTroubleIsRetriable() {
    fake.answerNext(1, "911").failNext(1, 503);

    for (int i = 0; i < 2; i++) {
      HostkeepException e =
          catchThrowableOfType(
              HostkeepException.class,
              () -> store.create("example.com", "office.example.com", "A", "203.0.113.7", 60));
      assertThat(e.retriable()).as(e.getMessage()).isTrue();
    }
    assertThat(store.create("example.com", "office.example.com", "A", "203.0.113.7", 60).value())
        .isEqualTo("203.0.113.7");
  }

  @Test
  void abuseIsNotRetriedAndSaysToSlowDown() {
    fake.answerNext(1, "abuse");

    HostkeepException e =
        catchThrowableOfType(
            HostkeepException.class,
            () -> store.create("example.com", "office.example.com", "A", "203.0.113.7", 60));

    assertThat(e.retriable()).isFalse();
    assertThat(e.getMessage()).contains("abuse", "too frequent");
  }

  @Test
  void anHtmlPageIsAClearError() {
    fake.htmlNext(1, 200);

    HostkeepException e =
        catchThrowableOfType(
            HostkeepException.class,
            () -> store.create("example.com", "office.example.com", "A", "203.0.113.7", 60));

    assertThat(e.getMessage()).contains("HTML page, not a dyndns2 answer", "Maintenance");
  }

  @Test
  void refusesOtherTypesAndAddressesOfTheWrongFamily() {
    HostkeepException txt =
        catchThrowableOfType(
            HostkeepException.class, () -> store.find("example.com", "office.example.com", "TXT"));
    HostkeepException family =
        catchThrowableOfType(
            HostkeepException.class,
            () -> store.create("example.com", "office.example.com", "A", "2001:db8::7", 60));

    assertThat(txt.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(txt.getMessage()).contains("only set A and AAAA");
    assertThat(family.getMessage()).contains("2001:db8::7 is not an IPv4 address");
    assertThat(fake.requests()).isEmpty();
  }

  private DynHostRecordStore store(String password) {
    DynHostSettings settings =
        DynHostSettings.of(fake.username(), Secret.of(password, new Redactor()))
            .withEndpoint(fake.endpoint())
            .withTimeout(Duration.ofSeconds(5));
    return DynHostRecordStore.open(settings, FakeClock.atEpoch2026());
  }
}
