package dev.hostkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostkeep.testkit.FakeAlidns;
import dev.hostkeep.testkit.FakeAlidnsRecord;
import dev.hostkeep.testkit.FakeAlidnsZone;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hostkeep ddns} against the Alidns fake, which counts every request: the seed tool's faults
 * (duplicate errors forever, a vanished cached id) and the promise of no request at all while the
 * address does not change.
 */
class DdnsAlidnsTest {
  @TempDir Path dir;
  FakeAlidns fake;
  FakeAlidnsZone zone;
  EchoServer echo;
  Path config;

  @BeforeEach
  void start() throws IOException {
    fake = FakeAlidns.start();
    zone = fake.addZone("example.com");
    echo = new EchoServer("81.2.69.160");
    Path secret = dir.resolve("alidns.secret");
    Files.writeString(secret, fake.credentials().accessKeySecret());
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    config = dir.resolve("hostkeep.yaml");
    Files.writeString(
        config,
        """
        state: sqlite:%s
        providers:
          aliyun:
            type: alidns
            endpoint: %s
            access_key_id: %s
            access_key_secret: ${file:%s}
        ddns:
          - name: home
            provider: aliyun
            zone: example.com
            ttl: 600
            records: [ www.example.com, blog.example.com ]
            detect: { ipv4: { sources: [ { https: '%s' } ] } }
        """
            .formatted(
                dir.resolve("state.db"),
                fake.endpoint(),
                fake.credentials().accessKeyId(),
                secret,
                echo.url()));
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
  }

  @AfterEach
  void stop() {
    echo.close();
    fake.close();
  }

  private Cli.Result update(String... extra) {
    String[] args = new String[3 + extra.length];
    args[0] = "ddns";
    args[1] = "update";
    args[2] = "--config=" + config;
    System.arraycopy(extra, 0, args, 3, extra.length);
    return Cli.run(args);
  }

  private String value(String rr) {
    return zone.record(rr, "A").map(FakeAlidnsRecord::value).orElse(null);
  }

  @Test
  void aHundredRunsWithAnUnchangedAddressMakeNoRequest() {
    zone.add("www", "A", "192.0.2.1", 600);
    zone.add("blog", "A", "192.0.2.1", 600);
    Cli.Result first = update();
    assertThat(first.exitCode()).as(first.all()).isZero();
    fake.clearRequests();

    for (int run = 0; run < 100; run++) {
      Cli.Result steady = update();
      assertThat(steady.exitCode()).as(steady.all()).isZero();
      assertThat(steady.all()).isEmpty();
    }

    assertThat(fake.count()).isZero();
    assertThat(value("www")).isEqualTo("81.2.69.160");
  }

  @Test
  void aChangeCostsOneWritePerRecordAndNoLookup() {
    zone.add("www", "A", "192.0.2.1", 600);
    zone.add("blog", "A", "192.0.2.1", 600);
    update();
    fake.clearRequests();
    echo.answer("81.2.69.161");

    Cli.Result moved = update();

    assertThat(moved.exitCode()).as(moved.all()).isZero();
    assertThat(fake.count("UpdateDomainRecord")).isEqualTo(2);
    assertThat(fake.count()).isEqualTo(2);
    assertThat(value("www")).isEqualTo("81.2.69.161");
    assertThat(value("blog")).isEqualTo("81.2.69.161");
  }

  @Test
  void theFirstRunWhenAlidnsAlreadyHoldsTheAddressWritesNothing() {
    zone.add("www", "A", "81.2.69.160", 600);
    zone.add("blog", "A", "81.2.69.160", 600);

    Cli.Result first = update();

    assertThat(first.exitCode()).as(first.all()).isZero();
    assertThat(first.all()).isEmpty();
    assertThat(fake.count("DescribeSubDomainRecords")).isEqualTo(2);
    assertThat(fake.count()).as("lookups only, no write").isEqualTo(2);
  }

  @Test
  void aCachedRecordIdThatVanishedIsLookedUpAgainAndHealed() {
    FakeAlidnsRecord www = zone.add("www", "A", "192.0.2.1", 600);
    zone.add("blog", "A", "192.0.2.1", 600);
    update();
    // Someone deletes the record in the console and adds it again: it gets a new id.
    fake.deleteRecord(www.id());
    zone.add("www", "A", "192.0.2.9", 600);
    echo.answer("81.2.69.162");

    Cli.Result healed = update();
    echo.answer("81.2.69.163");
    fake.clearRequests();
    Cli.Result next = update();

    assertThat(healed.exitCode()).as(healed.all()).isZero();
    assertThat(value("www")).isEqualTo("81.2.69.163");
    assertThat(next.exitCode()).as(next.all()).isZero();
    assertThat(fake.count()).as("the healed id is remembered: one write per record").isEqualTo(2);
  }

  @Test
  void aFailingRecordIsReportedAndTheOthersStillGoThrough() throws IOException {
    // www is missing and may not be created; blog exists and moves.
    Files.writeString(
        config, Files.readString(config).replace("ttl: 600", "ttl: 600\n    create: false"));
    zone.add("blog", "A", "192.0.2.1", 600);

    Cli.Result run = update();

    assertThat(run.exitCode()).as("partial failure").isEqualTo(4);
    assertThat(run.out()).contains("home: ~ blog.example.com A 192.0.2.1 → 81.2.69.160");
    assertThat(run.err()).contains("www.example.com A does not exist at aliyun");
    assertThat(value("blog")).isEqualTo("81.2.69.160");
    assertThat(value("www")).isNull();
  }

  @Test
  void throttlingIsRetriedAndTheSecretNeverShows() {
    zone.add("www", "A", "192.0.2.1", 600);
    zone.add("blog", "A", "192.0.2.1", 600);
    fake.throttleNext(1);

    Cli.Result run = update("-v");

    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(value("www")).isEqualTo("81.2.69.160");
    assertThat(run.all()).doesNotContain(fake.credentials().accessKeySecret());
  }
}
