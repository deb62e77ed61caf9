package dev.hostkeep.dns.replicate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostkeep.core.engine.Engine.ApplyResult;
import dev.hostkeep.dns.provider.rfc2136.Dig;
import dev.hostkeep.testkit.BindServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zone files on disk replicated into a real BIND central server over RFC 2136 + TSIG: the central
 * server answers the files' records, keeps its own SOA and NS, and a broken zone file is reported
 * with its line and changes nothing.
 */
class ReplicateRfc2136Test {
  @TempDir static Path bindDir;
  static BindServer central;

  @TempDir Path work;

  @BeforeAll
  static void startServer() {
    central =
        BindServer.builder(bindDir)
            .zone("files.test", empty("files.test"))
            .zone("broken.test", empty("broken.test"))
            .zone("swap.test", empty("swap.test"))
            .zone("ns.test", empty("ns.test"))
            .start();
  }

  @AfterAll
  static void stopServer() {
    if (central != null) {
      central.close();
    }
  }

  static String empty(String origin) {
    return """
        $ORIGIN %s.
        $TTL 300
        @    SOA ns.central.example. hostmaster.central.example. 7 3600 600 86400 300
        @    NS  ns.central.example.
        """
        .formatted(origin);
  }

  private Replication replication(Path zones, String zone) throws Exception {
    return new Replication(
        work,
        "providers:\n"
            + Replication.rfc2136("central", central, work)
            + "replicate:\n  - name: files\n    from: { zone_dir: '"
            + zones
            + "' }\n    zones: ["
            + zone
            + "]\n    to: central\n    guard: { max_share: 100%, min_changes: 1000 }\n");
  }

  @Test
  void theCentralServerAnswersTheZoneFilesRecordsAndKeepsItsOwnSoaAndNs() throws Exception {
    Path zones = Files.createDirectories(work.resolve("zones"));
    Files.writeString(
        zones.resolve("files.test.db"),
        """
        $ORIGIN files.test.
        $TTL 600
        @    SOA ns1.panel.example. root.panel.example. 42 3600 600 86400 300
        @    NS  ns1.panel.example.
        www  A   192.0.2.80
        www  AAAA 2001:db8::80
        @    TXT "hello world"
        """);
    Replication replication = replication(zones, "files.test");

    ApplyResult first = replication.sync();

    assertThat(first.outcome())
        .as(Replication.explain(first))
        .isEqualTo(ApplyResult.Outcome.APPLIED);
    assertThat(Dig.answers(central.port(), "www.files.test", "A")).containsExactly("192.0.2.80");
    assertThat(Dig.answers(central.port(), "www.files.test", "AAAA"))
        .containsExactly("2001:db8::80");
    assertThat(Dig.answers(central.port(), "files.test", "TXT")).containsExactly("\"hello world\"");
    assertThat(Dig.answers(central.port(), "files.test", "NS"))
        .containsExactly("ns.central.example.");

    Files.writeString(
        zones.resolve("files.test.db"),
        Files.readString(zones.resolve("files.test.db")).replace("192.0.2.80", "192.0.2.81"));
    ApplyResult second = replication.sync();

    assertThat(Replication.changes(second)).containsExactly("~ www.files.test. A");
    assertThat(Dig.answers(central.port(), "www.files.test", "A")).containsExactly("192.0.2.81");
  }

  @Test
  void aCnameThatBecomesAnAddressRecordAndBackIsServedEachTime() throws Exception {
    Path zones = Files.createDirectories(work.resolve("zones"));
    String head =
        """
        $ORIGIN swap.test.
        $TTL 600
        @    SOA ns1.panel.example. root.panel.example. 1 3600 600 86400 300
        @    NS  ns1.panel.example.
        www  A   192.0.2.80
        """;
    Files.writeString(zones.resolve("swap.test.db"), head + "shop CNAME www\n");
    Replication replication = replication(zones, "swap.test");
    assertThat(replication.sync().outcome()).isEqualTo(ApplyResult.Outcome.APPLIED);
    assertThat(Dig.answers(central.port(), "shop.swap.test", "CNAME"))
        .containsExactly("www.swap.test.");

    Files.writeString(zones.resolve("swap.test.db"), head + "shop A 192.0.2.50\n");
    ApplyResult toAddress = replication.sync();

    assertThat(toAddress.outcome())
        .as(Replication.explain(toAddress))
        .isEqualTo(ApplyResult.Outcome.APPLIED);
    assertThat(Dig.answers(central.port(), "shop.swap.test", "A")).containsExactly("192.0.2.50");
    assertThat(Dig.answers(central.port(), "shop.swap.test", "CNAME")).isEmpty();

    Files.writeString(zones.resolve("swap.test.db"), head + "shop CNAME www\n");
    assertThat(replication.sync().outcome()).isEqualTo(ApplyResult.Outcome.APPLIED);
    assertThat(Dig.answers(central.port(), "shop.swap.test", "CNAME"))
        .containsExactly("www.swap.test.");
    assertThat(replication.sync().outcome()).isEqualTo(ApplyResult.Outcome.NOTHING_TO_DO);
  }

  @Test
  void rewrittenNameServersReplaceTheApexNsInsteadOfJoiningIt() throws Exception {
    Path zones = Files.createDirectories(work.resolve("zones"));
    Files.writeString(
        zones.resolve("ns.test.db"),
        """
        $ORIGIN ns.test.
        $TTL 600
        @    SOA ns1.panel.example. root.panel.example. 1 3600 600 86400 300
        @    NS  ns1.panel.example.
        www  A   192.0.2.80
        """);
    Replication replication =
        new Replication(
            work,
            "providers:\n"
                + Replication.rfc2136("central", central, work)
                + "replicate:\n  - name: files\n    from: { zone_dir: '"
                + zones
                + "' }\n    zones: [ns.test]\n    to: central\n    adopt: true\n"
                + "    rewrite: { ns: [ns-a.provider.example, ns-b.provider.example] }\n"
                + "    guard: { max_share: 100%, min_changes: 1000 }\n");

    ApplyResult result = replication.sync();

    assertThat(result.outcome())
        .as(Replication.explain(result))
        .isEqualTo(ApplyResult.Outcome.APPLIED);
    // RFC 2136 3.4.2.3: a server ignores deleting the whole NS set at the apex
    assertThat(Dig.answers(central.port(), "ns.test", "NS"))
        .containsExactlyInAnyOrder("ns-a.provider.example.", "ns-b.provider.example.");
    assertThat(replication.sync().outcome()).isEqualTo(ApplyResult.Outcome.NOTHING_TO_DO);
  }

  @Test
  void aZoneFileWithASyntaxErrorIsReportedWithItsLineAndChangesNothing() throws Exception {
    Path zones = Files.createDirectories(work.resolve("zones"));
    Files.writeString(
        zones.resolve("broken.test.db"),
        """
        $ORIGIN broken.test.
        @    SOA ns1 root 1 3600 600 86400 300
        @    NS  ns1
        www  AAA 2001:db8::1
        """);

    ApplyResult result = replication(zones, "broken.test").sync();

    assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.FAILED);
    assertThat(result.plan().problems())
        .singleElement()
        .asString()
        .contains("broken.test.db line 4")
        .contains("did you mean 'AAAA'?");
    assertThat(Dig.answers(central.port(), "www.broken.test", "AAAA")).isEmpty();
  }
}
