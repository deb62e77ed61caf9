package dev.hostkeep.dns.secondary.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.secret.Redactor;
import dev.hostkeep.core.secret.Secret;
import dev.hostkeep.dns.Served;
import dev.hostkeep.dns.ZoneTexts;
import dev.hostkeep.dns.provider.rfc2136.Rfc2136Client;
import dev.hostkeep.dns.provider.rfc2136.Rfc2136Config;
import dev.hostkeep.testkit.BindServer;
import dev.hostkeep.testkit.FreePorts;
import dev.hostkeep.testkit.KnotServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * The catalog producer end to end: hostkeep updates {@code catalog.test} on a real BIND primary,
 * and two real consumers — Knot 3.2 and a second BIND 9.18 — provision and drop the members.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogZoneTargetTest {
  static final Duration CONSUMER = Duration.ofSeconds(20);

  @TempDir static Path primaryDir;
  @TempDir static Path knotDir;
  @TempDir static Path consumerDir;
  static BindServer primary;
  static KnotServer knot;
  static BindServer bindConsumer;
  static Rfc2136Client client;
  static CatalogZoneTarget target;

  @BeforeAll
  static void startServers() {
    int knotPort = FreePorts.next();
    int consumerPort = FreePorts.next();
    primary =
        BindServer.builder(primaryDir)
            .zone("catalog.test", ZoneTexts.catalog("catalog.test", "version TXT \"2\""))
            .zone("nocatalog.test", ZoneTexts.member("nocatalog.test", "192.0.2.9"))
            .zone("shapeless.test", ZoneTexts.catalog("shapeless.test", "version TXT \"1\""))
            .zone("a.test", ZoneTexts.member("a.test", "192.0.2.1"))
            .zone("b.test", ZoneTexts.member("b.test", "192.0.2.2"))
            .zone("c.test", ZoneTexts.member("c.test", "192.0.2.3"))
            .notify("catalog.test", knotPort)
            .notify("catalog.test", consumerPort)
            .start();
    knot =
        KnotServer.builder(knotDir)
            .port(knotPort)
            .primary(primary.port(), primary.tsigKey())
            .catalogZone("catalog.test")
            .start();
    bindConsumer =
        BindServer.builder(consumerDir)
            .keyName("consumer-key")
            .port(consumerPort)
            .primary(primary.port(), primary.tsigKey())
            .catalogZone("catalog.test")
            .start();
    client =
        new Rfc2136Client(
            new Rfc2136Config(
                "127.0.0.1",
                primary.port(),
                primary.keyName(),
                primary.keyAlgorithm(),
                Secret.of(primary.keySecret(), new Redactor()),
                Duration.ofSeconds(5)));
    target = new CatalogZoneTarget(client, "catalog.test");
  }

  @AfterAll
  static void stopServers() {
    for (AutoCloseable server : new AutoCloseable[] {bindConsumer, knot, primary}) {
      try {
        if (server != null) {
          server.close();
        }
      } catch (Exception e) {
        // the others still get closed
      }
    }
  }

  @Test
  @Order(1)
  void addedMembersAreServedByBothConsumers() {
    target.apply(List.of("a.test", "b.test", "c.test"), List.of());

    assertThat(target.zones()).containsExactly("a.test", "b.test", "c.test");
    for (String zone : List.of("a.test", "b.test", "c.test")) {
      assertThat(Served.await(knot.port(), zone, true, CONSUMER))
          .as("Knot serves %s\n%s", zone, knot.logTail())
          .isTrue();
      assertThat(Served.await(bindConsumer.port(), zone, true, CONSUMER))
          .as("the BIND consumer serves %s\n%s", zone, bindConsumer.logTail())
          .isTrue();
    }
  }

  @Test
  @Order(2)
  void membersSitUnderTheSha1LabelAndAddingAgainChangesNothing() {
    Map<String, String> before = labels();
    long serial = serial();

    target.apply(List.of("a.test", "b.test"), List.of());

    assertThat(labels()).isEqualTo(before).containsEntry("a.test", sha1("a.test"));
    assertThat(serial()).as("no update was sent").isEqualTo(serial);
    assertThat(target.zones()).containsExactly("a.test", "b.test", "c.test");
  }

  @Test
  @Order(3)
  void aRemovedMemberStopsBeingServedByBothConsumers() {
    target.apply(List.of(), List.of("b.test"));

    assertThat(target.zones()).containsExactly("a.test", "c.test");
    assertThat(Served.await(knot.port(), "b.test", false, CONSUMER))
        .as("Knot dropped b.test\n%s", knot.logTail())
        .isTrue();
    assertThat(Served.await(bindConsumer.port(), "b.test", false, CONSUMER))
        .as("the BIND consumer dropped b.test\n%s", bindConsumer.logTail())
        .isTrue();
    assertThat(Served.soa(knot.port(), "a.test")).isTrue();
    assertThat(Served.soa(bindConsumer.port(), "a.test")).isTrue();
  }

  @Test
  @Order(4)
  void removingAndAddingInOneApplyKeepsTheLabelStable() {
    target.apply(List.of("b.test"), List.of("c.test"));

    assertThat(labels())
        .containsOnlyKeys("a.test", "b.test")
        .containsEntry("b.test", sha1("b.test"));
  }

  @Test
  void refusesToWriteIntoAZoneWithoutNsInvalid() {
    CatalogZoneTarget wrong = new CatalogZoneTarget(client, "nocatalog.test");
    long serial = serialOf("nocatalog.test");

    assertThatThrownBy(() -> wrong.apply(List.of("a.test"), List.of()))
        .isInstanceOf(HostkeepException.class)
        .hasMessageContaining("nocatalog.test")
        .hasMessageContaining("NS invalid.");
    assertThat(serialOf("nocatalog.test")).isEqualTo(serial);
  }

  @Test
  void setsVersionTwoWhenTheCatalogHasAnotherVersion() {
    CatalogZoneTarget shapeless = new CatalogZoneTarget(client, "shapeless.test");

    shapeless.apply(List.of("a.test"), List.of());

    List<String> versions =
        client.transfer("shapeless.test").stream()
            .filter(TXTRecord.class::isInstance)
            .map(r -> String.join("", ((TXTRecord) r).getStrings()))
            .toList();
    assertThat(versions).containsExactly("2");
    assertThat(shapeless.zones()).containsExactly("a.test");
  }

  static Map<String, String> labels() {
    return client.transfer("catalog.test").stream()
        .filter(PTRRecord.class::isInstance)
        .map(PTRRecord.class::cast)
        .collect(
            Collectors.toMap(
                ptr -> ptr.getTarget().toString(true), ptr -> ptr.getName().getLabelString(0)));
  }

  static long serial() {
    return serialOf("catalog.test");
  }

  static long serialOf(String zone) {
    return client.transfer(zone).stream()
        .filter(r -> r.getType() == Type.SOA)
        .map(r -> ((SOARecord) r).getSerial())
        .findFirst()
        .orElseThrow();
  }

  static String sha1(String zone) {
    return MemberLabels.of(CatalogContent.name(zone));
  }
}
