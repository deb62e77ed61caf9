package dev.hostkeep.dns.secondary.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostkeep.core.secret.Redactor;
import dev.hostkeep.core.secret.Secret;
import dev.hostkeep.dns.ZoneTexts;
import dev.hostkeep.dns.provider.rfc2136.Rfc2136Client;
import dev.hostkeep.dns.provider.rfc2136.Rfc2136Config;
import dev.hostkeep.testkit.BindServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Update;

/** Thousands of members reach a real BIND primary in several UPDATE messages under 64 KiB. */
class CatalogBatchingTest {
  static final int MEMBERS = 3_000;

  @TempDir static Path dir;
  static BindServer primary;
  static Rfc2136Client client;

  @BeforeAll
  static void startPrimary() {
    primary =
        BindServer.builder(dir)
            .zone("big.test", ZoneTexts.catalog("big.test", "version TXT \"2\""))
            .start();
    client =
        new Rfc2136Client(
            new Rfc2136Config(
                "127.0.0.1",
                primary.port(),
                primary.keyName(),
                primary.keyAlgorithm(),
                Secret.of(primary.keySecret(), new Redactor()),
                Duration.ofSeconds(10)));
  }

  @AfterAll
  static void stopPrimary() {
    if (primary != null) {
      primary.close();
    }
  }

  @Test
  void addsAndRemovesThousandsOfMembersInSeveralMessagesEachUnder64KiB() {
    CatalogZoneTarget target = new CatalogZoneTarget(client, "big.test");
    List<String> zones =
        IntStream.range(0, MEMBERS).mapToObj(i -> "customer-%05d.example".formatted(i)).toList();

    List<Update> messages = target.messages(zones, List.of());
    assertThat(messages).hasSizeGreaterThan(1);
    assertThat(messages).allSatisfy(m -> assertThat(client.signedSize(m)).isLessThan(65_535));
    assertThat(messages.subList(0, messages.size() - 1))
        .as("every message but the last is filled well")
        .allSatisfy(m -> assertThat(client.signedSize(m)).isGreaterThan(55_000));
    long serial = serial();

    target.apply(zones, List.of());

    assertThat(ptrCount()).isEqualTo(MEMBERS);
    assertThat(target.zones()).hasSize(MEMBERS).containsAll(zones);
    assertThat(serial())
        .as("BIND bumps the serial once per UPDATE message")
        .isEqualTo(serial + messages.size());

    List<Update> removals = target.messages(List.of(), zones);
    assertThat(removals).hasSizeGreaterThan(1);
    assertThat(removals).allSatisfy(m -> assertThat(client.signedSize(m)).isLessThan(65_535));

    target.apply(List.of(), zones);

    assertThat(ptrCount()).isZero();
  }

  @Test
  void aSmallerLimitMakesMoreAndSmallerMessages() {
    CatalogZoneTarget target = new CatalogZoneTarget(client, "big.test", 4_096);
    List<String> zones =
        IntStream.range(0, 200).mapToObj(i -> "small-%03d.example".formatted(i)).toList();

    List<Update> messages = target.messages(zones, List.of());

    assertThat(messages).hasSizeGreaterThan(2);
    assertThat(messages)
        .allSatisfy(m -> assertThat(client.signedSize(m)).isLessThanOrEqualTo(4_096));
    assertThat(
            messages.stream()
                .mapToInt(m -> m.getSection(org.xbill.DNS.Section.UPDATE).size())
                .sum())
        .isEqualTo(200);
  }

  static long ptrCount() {
    return client.transfer("big.test").stream().filter(PTRRecord.class::isInstance).count();
  }

  static long serial() {
    return ((SOARecord) client.transfer("big.test").getFirst()).getSerial();
  }
}
