package dev.hostkeep.dns.provider.ovh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.secret.Redactor;
import dev.hostkeep.core.secret.Secret;
import dev.hostkeep.dns.ZoneTexts;
import dev.hostkeep.dns.provider.rfc2136.Rfc2136Client;
import dev.hostkeep.dns.provider.rfc2136.Rfc2136Config;
import dev.hostkeep.dns.secondary.SecondaryTarget;
import dev.hostkeep.testkit.BindServer;
import dev.hostkeep.testkit.FakeOvh;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OVH's ownership check against a real primary: hostkeep fetches the token, publishes
 * ownercheck.<zone> TXT on a real BIND over RFC 2136 + TSIG, waits until BIND serves it, and the
 * OVH fake accepts the zone only if it finds the token by querying that same BIND. The record is
 * withdrawn afterwards, also when OVH refuses.
 */
class OwnercheckEndToEndTest {
  @TempDir static Path primaryDir;
  static BindServer primary;
  static FakeOvh ovh;
  static Rfc2136Client client;
  static final List<String> lookups = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    primary =
        BindServer.builder(primaryDir)
            .zone("owned.test", ZoneTexts.member("owned.test", "192.0.2.1"))
            .zone("other.test", ZoneTexts.member("other.test", "192.0.2.2"))
            .start();
    Redactor redactor = new Redactor();
    client =
        new Rfc2136Client(
            new Rfc2136Config(
                "127.0.0.1",
                primary.port(),
                primary.keyName(),
                primary.keyAlgorithm(),
                Secret.of(primary.keySecret(), redactor),
                Duration.ofSeconds(5)));
    ovh = FakeOvh.start();
    ovh.addDedicated("ns1.ip-192-0-2.eu");
  }

  @BeforeEach
  void ovhResolvesTheTokenOnThePrimary() {
    lookups.clear();
    ovh.ownercheckResolvedBy(
        name -> {
          lookups.add(name);
          return client.lookupTxt(name);
        });
  }

  @AfterAll
  static void stop() {
    if (ovh != null) {
      ovh.close();
    }
    if (primary != null) {
      primary.close();
    }
  }

  private static SecondaryTarget target() {
    FakeOvh.Credentials credentials = ovh.credentials();
    Redactor redactor = new Redactor();
    OvhAccount account =
        OvhAccount.open(
            OvhSettings.of(
                ovh.baseUrl(),
                credentials.applicationKey(),
                Secret.of(credentials.applicationSecret(), redactor),
                Secret.of(credentials.consumerKey(), redactor)),
            Clock.systemUTC());
    return account.secondary(
        "ns1.ip-192-0-2.eu",
        ServiceKind.DEDICATED,
        Optional.empty(),
        OvhSettings.DEFAULT_APPLY,
        Optional.of(client));
  }

  @Test
  void theTokenIsServedByThePrimaryThenWithdrawnAndOvhAcceptsTheZone() {
    target().add("owned.test");

    assertThat(ovh.dedicated("ns1.ip-192-0-2.eu").domains()).contains("owned.test");
    assertThat(lookups).contains("ownercheck.owned.test");
    assertThat(client.lookupTxt("ownercheck.owned.test")).isEmpty();
  }

  @Test
  void whenOvhRefusesTheRecordIsStillWithdrawn() {
    ovh.ownercheck((domain, token) -> false);

    assertThatThrownBy(() -> target().add("other.test")).isInstanceOf(HostkeepException.class);

    assertThat(ovh.dedicated("ns1.ip-192-0-2.eu").domains()).doesNotContain("other.test");
    assertThat(client.lookupTxt("ownercheck.other.test")).isEmpty();
  }
}
