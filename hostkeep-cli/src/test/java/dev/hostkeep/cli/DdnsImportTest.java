package dev.hostkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostkeep.testkit.FakeAlidns;
import dev.hostkeep.testkit.FakeAlidnsRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hostkeep import ddns-conf}: aliyun-ddns-client's INI becomes a working ddns entry. */
class DdnsImportTest {
  @TempDir Path dir;

  private static String seedConfig(String recordId) {
    return """
        [DEFAULT]
        # access id obtains from aliyun
        access_id=%s
        access_key=SeedSecretValue
        interval=600
        debug=false

        [1]
        domain=example.com
        sub_domain=www
        id=%s
        value=81.2.69.160
        type=A

        [2]
        domain=example.com
        sub_domain=mail
        type=MX
        """
        .formatted("LTAI-seed-id", recordId);
  }

  @Test
  void theCachedIdAndValueCarryOverSoTheFirstRunMakesNoRequest() throws IOException {
    try (FakeAlidns fake = FakeAlidns.start();
        EchoServer echo = new EchoServer("81.2.69.160")) {
      FakeAlidnsRecord www = fake.addZone("example.com").add("www", "A", "81.2.69.160", 600);
      Path ini = Files.writeString(dir.resolve("ddns.conf"), seedConfig(www.id()));
      Path state = dir.resolve("state.db");
      Path base = Files.writeString(dir.resolve("base.yaml"), "state: sqlite:" + state + "\n");
      Path out = dir.resolve("hostkeep.yaml");

      Cli.Result imported =
          Cli.run(
              "import", "ddns-conf", ini.toString(), "-o", out.toString(), "-c", base.toString());

      assertThat(imported.exitCode()).as(imported.all()).isZero();
      assertThat(imported.err()).contains("carried 1 cached record ids and values");
      String yaml = Files.readString(out);
      assertThat(yaml)
          .contains("type: alidns", "access_key_id: 'LTAI-seed-id'", "name: 'www.example.com'")
          .contains("# Skipped: [2] is a MX record")
          .doesNotContain("SeedSecretValue");

      Path secret = Files.writeString(dir.resolve("secret"), fake.credentials().accessKeySecret());
      Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
      yaml =
          "state: sqlite:"
              + state
              + "\n"
              + yaml.replace("/etc/hostkeep/aliyun-access-key-secret", secret.toString())
                  .replace("LTAI-seed-id", fake.credentials().accessKeyId())
                  .replace("type: alidns", "type: alidns\n    endpoint: " + fake.endpoint())
              + "    detect: { ipv4: { sources: [ { https: '"
              + echo.url()
              + "' } ] } }\n";
      Files.writeString(out, yaml);

      Cli.Result run = Cli.run("ddns", "update", "-c", out.toString());
      Cli.Result status = Cli.run("ddns", "status", "-c", out.toString());

      assertThat(run.exitCode()).as(run.all()).isZero();
      assertThat(run.all()).isEmpty();
      assertThat(fake.count()).as("the carried value is trusted: no request").isZero();
      assertThat(status.out()).contains("www.example.com A", "81.2.69.160");
    }
  }

  @Test
  void aConfigWithoutRecordsIsRefusedWithAReason() throws IOException {
    Path ini = Files.writeString(dir.resolve("ddns.conf"), "[DEFAULT]\naccess_id=x\n");

    Cli.Result run = Cli.run("import", "ddns-conf", ini.toString(), "--no-state");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("no A or AAAA record sections");
  }
}
