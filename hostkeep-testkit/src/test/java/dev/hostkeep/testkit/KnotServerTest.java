package dev.hostkeep.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Knot serving its own zone, a secondary and the members of a catalog, all transferred from a
 * {@link BindServer} primary with its TSIG key.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KnotServerTest {
  static final Duration TRANSFER = Duration.ofSeconds(20);

  @TempDir static Path bindDir;
  @TempDir static Path knotDir;
  static BindServer bind;
  static KnotServer knot;

  @BeforeAll
  static void startPrimaryAndKnot() {
    int knotPort = FreePorts.next();
    bind =
        BindServer.builder(bindDir)
            .zone("plain.test", zone("plain.test", "192.0.2.31"))
            .zone("member1.test", zone("member1.test", "192.0.2.41"))
            .zone("member2.test", zone("member2.test", "192.0.2.42"))
            .zone("catalog.test", CATALOG)
            .notify("catalog.test", knotPort)
            .notify("plain.test", knotPort)
            .start();
    knot =
        KnotServer.builder(knotDir)
            .port(knotPort)
            .zone("local.test", zone("local.test", "192.0.2.21"))
            .primary(bind.port(), bind.tsigKey())
            .secondaryZone("plain.test")
            .catalogZone("catalog.test")
            .start();
  }

  @AfterAll
  static void stopServers() {
    if (knot != null) {
      knot.close();
    }
    if (bind != null) {
      bind.close();
    }
  }

  @Test
  void servesAZoneFromItsZoneFile() {
    assertThat(Dig.answers(knot.port(), "www.local.test", "A")).containsExactly("192.0.2.21");
  }

  @Test
  void servesASecondaryZoneTransferredWithTheKey() {
    knot.awaitZone("plain.test", TRANSFER);

    assertThat(Dig.answers(knot.port(), "www.plain.test", "A")).containsExactly("192.0.2.31");
  }

  @Test
  void servesTheMembersOfTheConsumedCatalog() {
    knot.awaitZone("member1.test", TRANSFER);

    assertThat(Dig.answers(knot.port(), "www.member1.test", "A")).containsExactly("192.0.2.41");
  }

  @Test
  void picksUpAMemberAddedToTheCatalogOnThePrimary() {
    ExternalCommand.Result update =
        ExternalCommand.run(
            bindDir,
            List.of(
                Binaries.require("nsupdate").toString(),
                "-y",
                bind.tsigKey().asAlgorithmNameSecret()),
            """
            server 127.0.0.1 %d
            zone catalog.test
            update add m2.zones.catalog.test 0 PTR member2.test.
            send
            """
                .formatted(bind.port()));
    assertThat(update.ok()).as(update.describe()).isTrue();

    knot.awaitZone("member2.test", TRANSFER);

    assertThat(Dig.answers(knot.port(), "www.member2.test", "A")).containsExactly("192.0.2.42");
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void closeStopsTheProcessAndFreesThePort() {
    long pid = knot.pid();

    knot.close();

    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(ServerProcess.tcpOpen(knot.port())).isFalse();
  }

  static final String CATALOG =
      """
      $ORIGIN catalog.test.
      $TTL 0
      @                SOA invalid. invalid. 1 3600 600 86400 0
      @                NS  invalid.
      version          TXT "2"
      m1.zones         PTR member1.test.
      """;

  static String zone(String origin, String address) {
    return """
        $ORIGIN %s.
        $TTL 300
        @    SOA ns1 hostmaster 1 3600 600 86400 300
        @    NS  ns1
        ns1  A   192.0.2.1
        www  A   %s
        """
        .formatted(origin, address);
  }
}
