package dev.hostkeep.dns.secondary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostkeep.core.apply.Applier;
import dev.hostkeep.core.capability.Plugins;
import dev.hostkeep.core.config.ConfigException;
import dev.hostkeep.core.config.ConfigLoader;
import dev.hostkeep.core.config.HostkeepConfig;
import dev.hostkeep.core.engine.Engine;
import dev.hostkeep.core.engine.Engine.ApplyResult;
import dev.hostkeep.core.secret.Redactor;
import dev.hostkeep.core.state.StateStore;
import dev.hostkeep.core.state.StateStores;
import dev.hostkeep.testkit.FakeOvh;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * secondary → OVH, from YAML to the faithful fake: what the config says is what OVH ends up with.
 */
class SecondaryOvhTest {
  @TempDir Path dir;
  FakeOvh ovh;
  final Redactor redactor = new Redactor();

  @BeforeEach
  void start() {
    ovh = FakeOvh.start();
    ovh.addDedicated("ns123.ip-1-2-3.eu").withDomains("old.test", "keep.test");
    ovh.addVps("vps-1.vps.ovh.net");
  }

  @AfterEach
  void stop() {
    ovh.close();
  }

  private HostkeepConfig load(String zones) throws IOException {
    FakeOvh.Credentials credentials = ovh.credentials();
    Path secret = dir.resolve("ovh.secret");
    Files.writeString(secret, credentials.applicationSecret());
    Path file = dir.resolve("hostkeep.yaml");
    Files.writeString(
        file,
        "providers:\n  ovh:\n    type: ovh\n    endpoint: "
            + ovh.baseUrl()
            + "\n    application_key: "
            + credentials.applicationKey()
            + "\n    application_secret: '${file:"
            + secret
            + "}'\n    consumer_key: '${env:OVH_CK}'\n    pace: 5ms\n"
            + "secondary:\n  - name: ovh\n    source:\n      list: ["
            + zones
            + "]\n    targets:\n"
            + "      - { provider: ovh, service: ns123.ip-1-2-3.eu }\n"
            + "      - { provider: ovh, service: vps-1.vps.ovh.net, kind: vps }\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    Map<String, String> env = Map.of("OVH_CK", credentials.consumerKey());
    return new ConfigLoader(Plugins.discover(getClass().getClassLoader()), redactor, env::get)
        .load(file);
  }

  @Test
  void eachServiceEndsUpServingExactlyTheSourceZones() throws IOException {
    HostkeepConfig config = load("keep.test, new.test, b.test");
    Engine engine =
        new Engine(
            Clock.systemUTC(),
            new Applier(Clock.systemUTC(), d -> Thread.sleep(d.toMillis()), new Random(1)),
            redactor);

    ApplyResult result;
    try (StateStore state =
        StateStores.open("sqlite:" + dir.resolve("state.db"), Clock.systemUTC())) {
      result =
          engine.apply(
              config.capabilities().get("secondary"),
              state,
              new Engine.ApplyOptions(false, false, Duration.ZERO),
              plan -> true,
              new Engine.Events() {});
    }

    assertThat(result.outcome())
        .as(String.valueOf(result.error()))
        .isEqualTo(ApplyResult.Outcome.APPLIED);
    assertThat(ovh.dedicated("ns123.ip-1-2-3.eu").domains())
        .containsExactlyInAnyOrder("keep.test", "new.test", "b.test");
    assertThat(ovh.vps("vps-1.vps.ovh.net").domains())
        .containsExactlyInAnyOrder("keep.test", "new.test", "b.test");
  }

  @Test
  void aMisspeltTargetKeyIsReportedWithTheValidOnes() throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(
        file,
        "providers:\n  ovh: { type: ovh, application_key: a, application_secret: b, consumer_key: c }\n"
            + "secondary:\n  - name: ovh\n    source: { list: [a.test] }\n"
            + "    targets: [ { provider: ovh, servcie: ns1.test } ]\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

    ConfigException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            ConfigException.class,
            () ->
                new ConfigLoader(Plugins.discover(getClass().getClassLoader()), redactor, k -> null)
                    .load(file));

    assertThat(e.getMessage())
        .contains(
            file
                + ":6:33: unknown key 'servcie' in 'secondary[0].targets[0]' (did you mean"
                + " 'service'?); valid keys: provider, service, kind, primary_ip, ownercheck")
        .contains(file + ":6:16: missing required key 'service' in 'secondary[0].targets[0]'");
  }
}
