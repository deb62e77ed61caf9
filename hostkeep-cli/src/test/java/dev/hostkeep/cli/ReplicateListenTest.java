package dev.hostkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostkeep.testkit.FakeCloudflare;
import dev.hostkeep.testkit.FakeCloudflareZone;
import dev.hostkeep.testkit.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * {@code hostkeep replicate listen} as a service runs it: it reconciles at start, and a NOTIFY for
 * a zone makes it replicate the zone's new content at once.
 */
class ReplicateListenTest {
  static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;

  @Test
  void aNotifyMakesTheListenerReplicateTheZone() throws Exception {
    int port = FreePorts.next();
    Path zones = Files.createDirectory(dir.resolve("zones"));
    Path file = zones.resolve("listen.test.db");
    String head = "$ORIGIN listen.test.\n$TTL 600\n@ SOA ns1 root 1 3600 600 86400 600\n@ NS ns1\n";
    Files.writeString(file, head + "www A 192.0.2.1\n");
    try (FakeCloudflare cloudflare = FakeCloudflare.start()) {
      FakeCloudflareZone zone = cloudflare.addZone("listen.test");
      Path config = config(zones, cloudflare, port, "");
      AtomicReference<Cli.Result> result = new AtomicReference<>();
      Thread listen =
          Thread.ofPlatform()
              .daemon()
              .start(() -> result.set(Cli.run("-c", config.toString(), "replicate", "listen")));
      try {
        assertThat(await(() -> served(zone, "www.listen.test 192.0.2.1")))
            .as("the start-up reconcile")
            .isTrue();

        Files.writeString(file, head + "www A 192.0.2.1\nnew A 192.0.2.2\n");
        assertThat(notify(port)).isEqualTo(Rcode.NOERROR);

        assertThat(await(() -> served(zone, "new.listen.test 192.0.2.2")))
            .as("replicated after the NOTIFY")
            .isTrue();
      } finally {
        listen.interrupt();
        listen.join(WAIT.toMillis());
      }
    }
  }

  @Test
  void aListenerThatFindsTheRunLockHeldKeepsListeningAndTriesAgain() throws Exception {
    int port = FreePorts.next();
    Path zones = Files.createDirectory(dir.resolve("zones"));
    Files.writeString(
        zones.resolve("busy.test.db"),
        "$ORIGIN busy.test.\n$TTL 600\n@ SOA ns1 root 1 3600 600 86400 600\n@ NS ns1\n"
            + "www A 192.0.2.7\n");
    try (FakeCloudflare cloudflare = FakeCloudflare.start()) {
      FakeCloudflareZone zone = cloudflare.addZone("busy.test");
      Path state = dir.resolve("state.db");
      Path config = config(zones, cloudflare, port, "    reconcile_every: 2s\n");
      AtomicReference<Cli.Result> result = new AtomicReference<>();
      Thread listen;
      // another run (a `replicate push` from the panel, the apply timer) holds the lock for
      // longer than the listener's start-up run waits for it (10 s)
      try (var store =
              dev.hostkeep.core.state.StateStores.open(
                  "sqlite:" + state, java.time.Clock.systemUTC());
          var lock = store.lock("replicate", Duration.ZERO)) {
        listen =
            Thread.ofPlatform()
                .daemon()
                .start(() -> result.set(Cli.run("-c", config.toString(), "replicate", "listen")));
        Thread.sleep(12_000);
        assertThat(zone.records()).isEmpty();
      }
      try {
        assertThat(await(() -> served(zone, "www.busy.test 192.0.2.7")))
            .as("replicated once the lock is free")
            .isTrue();
        assertThat(listen.isAlive()).as("still listening").isTrue();
      } finally {
        listen.interrupt();
        listen.join(WAIT.toMillis());
      }
    }
  }

  /** A config replicating {@code zones} into the fake, listening on {@code port}; state in dir. */
  private Path config(Path zones, FakeCloudflare cloudflare, int port, String extra)
      throws java.io.IOException {
    Path token = Files.writeString(dir.resolve("token"), cloudflare.token());
    Path config = dir.resolve("hostkeep.yaml");
    Files.writeString(
        config,
        "state: sqlite:"
            + dir.resolve("state.db")
            + "\nproviders:\n  cf:\n    type: cloudflare\n    api_token: '${file:"
            + token
            + "}'\n    endpoint: "
            + cloudflare.baseUrl()
            + "\nreplicate:\n  - name: panel\n    from: { zone_dir: '"
            + zones
            + "' }\n    to: cf\n"
            + extra
            + "    notify: { listen: 127.0.0.1:"
            + port
            + " }\n");
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
    return config;
  }

  private static boolean served(FakeCloudflareZone zone, String record) {
    return zone.records().stream().anyMatch(r -> (r.name() + " " + r.content()).equals(record));
  }

  /**
   * Sends the NOTIFY over TCP: a primary resends a UDP NOTIFY that got no answer, this test does
   * not, so one datagram lost or answered late on a loaded machine must not fail it. The UDP path
   * has its own tests in {@code NotifyListenerTest}.
   */
  private static int notify(int port) throws Exception {
    Message message =
        Message.newQuery(Record.newRecord(Name.fromString("listen.test."), Type.SOA, DClass.IN));
    message.getHeader().setOpcode(Opcode.NOTIFY);
    SimpleResolver resolver = new SimpleResolver("127.0.0.1");
    resolver.setPort(port);
    resolver.setTCP(true);
    resolver.setTimeout(Duration.ofSeconds(10));
    return resolver.send(message).getRcode();
  }

  private static boolean await(java.util.function.BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(50);
    }
    return condition.getAsBoolean();
  }
}
