package dev.hostkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostkeep.testkit.FakeCloudflare;
import dev.hostkeep.testkit.FakeCloudflareZone;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hostkeep ddns} against the Cloudflare fake: what it keeps of a record it changes. */
class DdnsCloudflareTest {
  @TempDir Path dir;
  FakeCloudflare cloudflare;
  FakeCloudflareZone zone;
  EchoServer echo;
  Path config;

  @BeforeEach
  void start() throws IOException {
    cloudflare = FakeCloudflare.start();
    zone = cloudflare.addZone("example.com");
    echo = new EchoServer("81.2.69.160");
    Path token = dir.resolve("cf.token");
    Files.writeString(token, cloudflare.token());
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
    config = dir.resolve("hostkeep.yaml");
    Files.writeString(
        config,
        """
        state: sqlite:%s
        providers:
          cf: { type: cloudflare, api_token: '${file:%s}', endpoint: %s }
        ddns:
          - name: home
            provider: cf
            zone: example.com
            ttl: 300
            records: [ home.example.com ]
            detect: { ipv4: { sources: [ { https: '%s' } ] } }
        """
            .formatted(dir.resolve("state.db"), token, cloudflare.baseUrl(), echo.url()));
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
  }

  @AfterEach
  void stop() {
    echo.close();
    cloudflare.close();
  }

  private Cli.Result update() {
    return Cli.run("ddns", "update", "--config=" + config);
  }

  @Test
  void aProxiedRecordKeepsItsAutomaticTtlOnEveryChangeLookedUpOrRemembered() {
    zone.seed("home", "A", "198.51.100.1", 1, true);

    Cli.Result first = update(); // looks the record up
    echo.answer("81.2.69.161");
    Cli.Result second = update(); // writes to the record it remembers

    assertThat(first.exitCode()).as(first.all()).isZero();
    assertThat(second.exitCode()).as(second.all()).isZero();
    assertThat(zone.records())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.content()).isEqualTo("81.2.69.161");
              assertThat(r.ttl()).as("automatic TTL").isEqualTo(1);
              assertThat(r.proxied()).isTrue();
            });
  }
}
