package dev.hostkeep.dns.replicate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostkeep.core.engine.Engine.ApplyResult;
import dev.hostkeep.core.secret.Redactor;
import dev.hostkeep.core.secret.Secret;
import dev.hostkeep.core.state.StateStore;
import dev.hostkeep.dns.provider.rfc2136.Dig;
import dev.hostkeep.dns.provider.rfc2136.Rfc2136Client;
import dev.hostkeep.dns.provider.rfc2136.Rfc2136Config;
import dev.hostkeep.testkit.BindServer;
import dev.hostkeep.testkit.FreePorts;
import dev.hostkeep.testkit.PowerDnsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Update;

/**
 * A panel's BIND primary replicated into a real PowerDNS (the central DNS): what {@code dig}
 * against PowerDNS answers is what the panel serves, records others own on PowerDNS survive, and a
 * NOTIFY from BIND to hostkeep's listener leads to one small change.
 */
class ReplicatePowerDnsTest {
  static final Duration NOTIFY = Duration.ofSeconds(10);

  @TempDir static Path bindDir;
  @TempDir static Path pdnsDir;
  static int listenerPort = FreePorts.next();
  static BindServer panel;
  static PowerDnsServer central;
  static Rfc2136Client panelUpdates;

  @TempDir Path work;

  @BeforeAll
  static void startServers() {
    panel =
        BindServer.builder(bindDir)
            .zone("shop.test", zone("shop.test", "192.0.2.10"))
            .zone("notified.test", zone("notified.test", "192.0.2.20"))
            .zone("owners.test", zone("owners.test", "192.0.2.30"))
            .zone("gone.test", zone("gone.test", "192.0.2.40"))
            .zone("renamed.panel", zone("renamed.panel", "192.0.2.50"))
            .notify("notified.test", listenerPort)
            .start();
    central = PowerDnsServer.start(pdnsDir);
    panelUpdates =
        new Rfc2136Client(
            new Rfc2136Config(
                "127.0.0.1",
                panel.port(),
                panel.keyName(),
                panel.keyAlgorithm(),
                Secret.of(panel.keySecret(), new Redactor()),
                Duration.ofSeconds(5)));
  }

  @AfterAll
  static void stopServers() {
    if (central != null) {
      central.close();
    }
    if (panel != null) {
      panel.close();
    }
  }

  static String zone(String origin, String address) {
    return """
        $ORIGIN %s.
        $TTL 300
        @        SOA ns1 hostmaster 1 3600 600 86400 300
        @        NS  ns1
        @        MX  10 mail
        @        TXT "v=spf1 mx -all"
        ns1      A   192.0.2.53
        mail     A   192.0.2.25
        www      A   %s
        www      A   198.51.100.7
        shop     CNAME www
        _acme-challenge TXT "panel-token"
        """
        .formatted(origin, address);
  }

  private Replication replication(String extra) throws Exception {
    return replication(extra, "    rewrite: { ns: [ns1.central.example, ns2.central.example] }\n");
  }

  private Replication replication(String extra, String rewrite) throws Exception {
    String yaml =
        "providers:\n"
            + Replication.rfc2136("panel", panel, work)
            + "  central:\n    type: powerdns\n    url: "
            + central.apiUrl()
            + "\n    api_key: "
            + central.apiKey()
            + "\nreplicate:\n  - name: panel\n    from: { axfr: panel }\n    to: central\n"
            + "    guard: { max_share: 100%, min_changes: 1000 }\n"
            + rewrite
            + extra;
    return new Replication(work, yaml);
  }

  private static List<String> dig(String name, String type) {
    return Dig.answers(central.dnsPort(), name, type);
  }

  @Test
  void afterTheFirstSyncPowerDnsAnswersWhatThePanelServes() throws Exception {
    Replication replication = replication("    zones: [shop.test]\n");

    ApplyResult result = replication.sync();

    assertThat(result.outcome())
        .as(Replication.explain(result))
        .isEqualTo(ApplyResult.Outcome.APPLIED);
    assertThat(dig("www.shop.test", "A")).containsExactlyInAnyOrder("192.0.2.10", "198.51.100.7");
    assertThat(dig("shop.shop.test", "CNAME")).containsExactly("www.shop.test.");
    assertThat(dig("shop.test", "MX")).containsExactly("10 mail.shop.test.");
    assertThat(dig("shop.test", "TXT")).containsExactly("\"v=spf1 mx -all\"");
    assertThat(dig("shop.test", "NS"))
        .containsExactlyInAnyOrder("ns1.central.example.", "ns2.central.example.");
    assertThat(replication.sync().outcome())
        .as("a second run finds nothing to do")
        .isEqualTo(ApplyResult.Outcome.NOTHING_TO_DO);
  }

  @Test
  void aNotifyFromThePanelLeadsToOneSmallChangeThatPowerDnsServes() throws Exception {
    Replication replication =
        replication(
            "    zones: [notified.test]\n    notify: { listen: 127.0.0.1:" + listenerPort + " }\n");
    assertThat(replication.sync().outcome()).isEqualTo(ApplyResult.Outcome.APPLIED);
    BlockingQueue<String> notified = new LinkedBlockingQueue<>();
    try (NotifyListener listener =
        NotifyListener.start(
            "127.0.0.1",
            listenerPort,
            Set.of("notified.test"),
            List.of("127.0.0.1"),
            notified::add)) {
      Update update = panelUpdates.newUpdate("notified.test");
      update.add(
          new ARecord(
              Name.fromString("new.notified.test."),
              DClass.IN,
              300,
              java.net.InetAddress.getByName("192.0.2.77")));
      panelUpdates.send(update);

      assertThat(notified.poll(NOTIFY.toMillis(), TimeUnit.MILLISECONDS))
          .as("BIND notifies hostkeep\n%s", panel.logTail())
          .isEqualTo("notified.test");
    }

    ApplyResult result = replication.sync("notified.test");

    assertThat(Replication.changes(result)).containsExactly("+ new.notified.test. A");
    assertThat(dig("new.notified.test", "A")).containsExactly("192.0.2.77");
  }

  @Test
  void recordsOthersPutOnTheTargetSurviveAndAdoptTakesOverAConflict() throws Exception {
    createZone("owners.test");
    patch("owners.test", "hand.owners.test.", "A", "203.0.113.9");
    patch("owners.test", "www.owners.test.", "A", "203.0.113.1");
    Replication replication = replication("    zones: [owners.test]\n");

    ApplyResult first = replication.sync();

    assertThat(first.outcome()).isEqualTo(ApplyResult.Outcome.FAILED);
    assertThat(first.plan().problems())
        .singleElement()
        .asString()
        .contains("www.owners.test. A is on the target with other data")
        .contains("adopt: true");
    assertThat(dig("www.owners.test", "A")).containsExactly("203.0.113.1");
    assertThat(dig("mail.owners.test", "A")).containsExactly("192.0.2.25");

    Replication adopting = replication("    zones: [owners.test]\n    adopt: true\n");
    ApplyResult adopted = adopting.sync();

    assertThat(Replication.changes(adopted)).containsExactly("~ www.owners.test. A");
    assertThat(dig("www.owners.test", "A")).containsExactlyInAnyOrder("192.0.2.30", "198.51.100.7");
    assertThat(dig("hand.owners.test", "A"))
        .as("a record only on the target is never touched")
        .containsExactly("203.0.113.9");
  }

  @Test
  void excludedNamesAndRecordsDroppedAtTheSourceFollowThePolicy() throws Exception {
    createZone("gone.test");
    patch("gone.test", "_acme-challenge.gone.test.", "TXT", "\"central-token\"");
    Replication replication =
        replication("    zones: [gone.test]\n    exclude: ['_acme-challenge']\n");
    assertThat(replication.sync().outcome()).isEqualTo(ApplyResult.Outcome.APPLIED);
    assertThat(dig("_acme-challenge.gone.test", "TXT")).containsExactly("\"central-token\"");

    Update update = panelUpdates.newUpdate("gone.test");
    update.delete(Name.fromString("mail.gone.test."), org.xbill.DNS.Type.A);
    panelUpdates.send(update);
    Replication upsertOnly =
        replication(
            "    zones: [gone.test]\n    exclude: ['_acme-challenge']\n    policy: upsert-only\n");
    assertThat(upsertOnly.sync().outcome()).isEqualTo(ApplyResult.Outcome.NOTHING_TO_DO);
    assertThat(dig("mail.gone.test", "A")).containsExactly("192.0.2.25");

    ApplyResult synced = replication.sync();

    assertThat(Replication.changes(synced)).containsExactly("- mail.gone.test. A");
    assertThat(dig("mail.gone.test", "A")).isEmpty();
    assertThat(dig("_acme-challenge.gone.test", "TXT")).containsExactly("\"central-token\"");
  }

  @Test
  void aRenamedZoneIsServedUnderItsNewName() throws Exception {
    Replication replication =
        replication(
            "    zones: [renamed.panel]\n",
            "    rewrite: { ns: [ns1.central.example], rename: { renamed.panel: renamed.test }, ttl: { max: 120 } }\n");

    ApplyResult result = replication.sync();

    assertThat(result.outcome())
        .as(Replication.explain(result))
        .isEqualTo(ApplyResult.Outcome.APPLIED);
    assertThat(dig("shop.renamed.test", "CNAME")).containsExactly("www.renamed.test.");
    assertThat(dig("renamed.test", "MX")).containsExactly("10 mail.renamed.test.");
    try (StateStore state = replication.state()) {
      assertThat(replication.configured().status(state))
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.target()).isEqualTo("panel/renamed.test");
                assertThat(s.replicatedSerial()).contains(1L);
                assertThat(s.lastError()).isEmpty();
              });
    }
  }

  @Test
  void aZoneThePanelDoesNotServeIsAProblemNamingTheZoneAndNothingElseFails() throws Exception {
    Replication replication = replication("    zones: [shop.test, missing.test]\n");

    ApplyResult result = replication.sync();

    assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.FAILED);
    assertThat(result.plan().problems())
        .singleElement()
        .asString()
        .startsWith("panel/missing.test: transfer of zone missing.test from 127.0.0.1:")
        .doesNotContain(panel.keySecret());
    try (StateStore state = replication.state()) {
      assertThat(replication.configured().status(state))
          .filteredOn(s -> s.target().equals("panel/missing.test"))
          .singleElement()
          .satisfies(s -> assertThat(s.lastError().orElseThrow()).contains("transfer of zone"));
    }
  }

  @Test
  void aZoneReadFromAPowerDnsApiIsReplicated() throws Exception {
    createZone("api-source.test");
    patch("api-source.test", "www.api-source.test.", "A", "192.0.2.99");
    String yaml =
        "providers:\n  central:\n    type: powerdns\n    url: "
            + central.apiUrl()
            + "\n    api_key: "
            + central.apiKey()
            + "\nreplicate:\n  - name: api\n    from: { powerdns: central }\n    to: central\n"
            + "    zones: [api-source.test]\n"
            + "    rewrite: { ns: [ns1.central.example], rename: { api-source.test: api-copy.test } }\n";

    ApplyResult result = new Replication(work, yaml).sync();

    assertThat(result.outcome())
        .as(Replication.explain(result))
        .isEqualTo(ApplyResult.Outcome.APPLIED);
    assertThat(dig("www.api-copy.test", "A")).containsExactly("192.0.2.99");
  }

  @Test
  void aTransferWithAWrongKeyOrToAServerThatNeverAnswersFailsThatZoneWithTheReason()
      throws Exception {
    Path wrong = work.resolve("wrong.secret");
    Files.writeString(wrong, "d3Jvbmcta2V5LXdyb25nLWtleS13cm9uZy1rZXkhIQ==");
    try (java.net.ServerSocket silent = new java.net.ServerSocket(0)) {
      String yaml =
          "providers:\n  wrong-key:\n    type: rfc2136\n    server: 127.0.0.1:"
              + panel.port()
              + "\n    key_name: "
              + panel.keyName()
              + "\n    key_secret: '${file:"
              + wrong
              + "}'\n  silent:\n    type: rfc2136\n    server: 127.0.0.1:"
              + silent.getLocalPort()
              + "\n    key_name: k\n    key_secret: '${file:"
              + wrong
              + "}'\n    timeout: 1s\n  central:\n    type: powerdns\n    url: "
              + central.apiUrl()
              + "\n    api_key: "
              + central.apiKey()
              + "\nreplicate:\n  - name: tsig\n    from: { axfr: wrong-key }\n    to: central\n"
              + "    zones: [shop.test]\n  - name: silent\n    from: { axfr: silent }\n"
              + "    to: central\n    zones: [shop.test]\n";

      ApplyResult result = new Replication(work, yaml).sync();

      assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.FAILED);
      assertThat(result.plan().problems())
          .hasSize(2)
          .anySatisfy(p -> assertThat(p).startsWith("tsig/shop.test: transfer of zone shop.test"))
          .anySatisfy(p -> assertThat(p).startsWith("silent/shop.test: transfer of zone shop.test"))
          .allSatisfy(p -> assertThat(p).doesNotContain("d3Jvbmct"));
    }
  }

  private static void createZone(String zone) {
    int status =
        central
            .call(
                "POST",
                "/zones",
                "{\"name\":\""
                    + zone
                    + ".\",\"kind\":\"Native\",\"nameservers\":[\"ns1.central.example.\"]}")
            .status();
    assertThat(status).isEqualTo(201);
  }

  private static void patch(String zone, String name, String type, String content) {
    int status =
        central
            .call(
                "PATCH",
                "/zones/" + zone + ".",
                "{\"rrsets\":[{\"name\":\""
                    + name
                    + "\",\"type\":\""
                    + type
                    + "\",\"ttl\":300,\"changetype\":\"REPLACE\",\"records\":[{\"content\":"
                    + com.fasterxml.jackson.databind.node.TextNode.valueOf(content)
                    + ",\"disabled\":false}]}]}")
            .status();
    assertThat(status).isEqualTo(204);
  }
}
