package dev.hostkeep.dns.secondary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostkeep.core.apply.Applier;
import dev.hostkeep.core.capability.Plugins;
import dev.hostkeep.core.config.ConfigLoader;
import dev.hostkeep.core.config.HostkeepConfig;
import dev.hostkeep.core.engine.Engine;
import dev.hostkeep.core.engine.Engine.ApplyResult;
import dev.hostkeep.core.secret.Redactor;
import dev.hostkeep.core.state.StateStore;
import dev.hostkeep.core.state.StateStores;
import dev.hostkeep.dns.Served;
import dev.hostkeep.dns.ZoneTexts;
import dev.hostkeep.testkit.BindServer;
import dev.hostkeep.testkit.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole secondary capability from YAML to real servers: a zone folder on disk is the source,
 * hostkeep keeps a catalog on a real BIND primary over RFC 2136 + TSIG, and a real BIND consumer of
 * that catalog serves exactly the zones of the folder.
 */
class SecondaryCatalogTest {
  static final Duration CONSUMER = Duration.ofSeconds(20);

  @TempDir static Path primaryDir;
  @TempDir static Path consumerDir;
  @TempDir static Path work;
  static BindServer primary;
  static BindServer consumer;

  @BeforeAll
  static void startServers() {
    int consumerPort = FreePorts.next();
    primary =
        BindServer.builder(primaryDir)
            .zone("catalog.test", ZoneTexts.catalog("catalog.test", "version TXT \"2\""))
            .zone("a.test", ZoneTexts.member("a.test", "192.0.2.1"))
            .zone("b.test", ZoneTexts.member("b.test", "192.0.2.2"))
            .zone("c.test", ZoneTexts.member("c.test", "192.0.2.3"))
            .notify("catalog.test", consumerPort)
            .start();
    consumer =
        BindServer.builder(consumerDir)
            .keyName("consumer-key")
            .port(consumerPort)
            .primary(primary.port(), primary.tsigKey())
            .catalogZone("catalog.test")
            .start();
  }

  @AfterAll
  static void stopServers() {
    if (consumer != null) {
      consumer.close();
    }
    if (primary != null) {
      primary.close();
    }
  }

  private static ApplyResult sync(Path zones) throws IOException {
    Path secret = work.resolve("tsig.secret");
    Files.writeString(secret, primary.keySecret());
    Path file = work.resolve("hostkeep.yaml");
    Files.writeString(
        file,
        "providers:\n  primary:\n    type: rfc2136\n    server: 127.0.0.1:"
            + primary.port()
            + "\n    key_name: "
            + primary.keyName()
            + "\n    key_secret: '${file:"
            + secret
            + "}'\nsecondary:\n  - name: catalog\n    source: { zone_dir: '"
            + zones
            + "' }\n    targets: [ { provider: primary, catalog: catalog.test } ]\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    Redactor redactor = new Redactor();
    HostkeepConfig config =
        new ConfigLoader(
                Plugins.discover(SecondaryCatalogTest.class.getClassLoader()), redactor, k -> null)
            .load(file);
    Engine engine =
        new Engine(
            Clock.systemUTC(),
            new Applier(Clock.systemUTC(), d -> Thread.sleep(d.toMillis()), new Random(1)),
            redactor);
    try (StateStore state =
        StateStores.open("sqlite:" + work.resolve("state.db"), Clock.systemUTC())) {
      return engine.apply(
          config.capabilities().get("secondary"),
          state,
          new Engine.ApplyOptions(false, false, Duration.ZERO),
          plan -> true,
          new Engine.Events() {});
    }
  }

  @Test
  void theConsumerServesExactlyTheZonesOfTheFolder() throws IOException {
    Path zones = Files.createDirectories(work.resolve("zones"));
    for (String zone : new String[] {"a.test", "b.test", "c.test"}) {
      Files.writeString(zones.resolve(zone + ".db"), "");
    }
    Files.writeString(zones.resolve("a.test.db.jnl"), "");

    ApplyResult added = sync(zones);

    assertThat(added.outcome())
        .as(String.valueOf(added.error()))
        .isEqualTo(ApplyResult.Outcome.APPLIED);
    for (String zone : new String[] {"a.test", "b.test", "c.test"}) {
      assertThat(Served.await(consumer.port(), zone, true, CONSUMER))
          .as("the consumer serves %s\n%s", zone, consumer.logTail())
          .isTrue();
    }

    Files.delete(zones.resolve("c.test.db"));
    ApplyResult removed = sync(zones);

    assertThat(removed.outcome()).isEqualTo(ApplyResult.Outcome.APPLIED);
    assertThat(removed.plan().changes())
        .extracting(c -> c.action().symbol() + " " + c.key())
        .containsExactly("- c.test");
    assertThat(Served.await(consumer.port(), "c.test", false, CONSUMER))
        .as("the consumer stops serving c.test\n%s", consumer.logTail())
        .isTrue();
    assertThat(Served.soa(consumer.port(), "a.test")).isTrue();
  }
}
