package dev.hostkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportCommandTest {
  static final String SEED_CONFIG =
      """
      [soapi]
      nic      = AB1234-OVH
      password = SoapiPassword
      [server]
      hostname = ns1234.ovh.net
      ip       = 192.0.2.10
      [backup_dns]
      hostname = sdns2.ovh.net
      [paths]
      zones       = /var/cache/bind
      zone_suffix = .db
      """;

  @TempDir Path dir;

  @Test
  void theImportedConfigPassesConfigCheckOnceItsSecretsExist() throws IOException {
    Path ini = Files.writeString(dir.resolve("ovh-dnsupdater"), SEED_CONFIG);
    Path out = dir.resolve("hostkeep.yaml");

    Cli.Result imported = Cli.run("import", "ovh-dnsupdater", ini.toString(), "-o", out.toString());

    assertThat(imported.exitCode()).as(imported.all()).isZero();
    assertThat(Files.getPosixFilePermissions(out))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    Path secrets = Files.createDirectory(dir.resolve("secrets"));
    Files.writeString(secrets.resolve("ovh-application-secret"), "application-secret-value");
    Files.writeString(secrets.resolve("ovh-consumer-key"), "consumer-key-value");
    Files.writeString(out, Files.readString(out).replace("/etc/hostkeep/", secrets + "/"));

    Cli.Result check = Cli.run("config", "check", "-c", out.toString());

    assertThat(check.exitCode()).as(check.all()).isZero();
    assertThat(check.out())
        .contains("# providers: ovh")
        .contains("# capabilities: secondary")
        .contains("zone_dir: /var/cache/bind")
        .contains("application_secret: '****'");
    assertThat(check.all() + Files.readString(out)).doesNotContain("SoapiPassword");
  }

  @Test
  void anExistingOutputIsNotOverwritten() throws IOException {
    Path ini = Files.writeString(dir.resolve("ovh-dnsupdater"), SEED_CONFIG);
    Path out = Files.writeString(dir.resolve("hostkeep.yaml"), "keep me");

    Cli.Result result = Cli.run("import", "ovh-dnsupdater", ini.toString(), "-o", out.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("exists; use --overwrite");
    assertThat(Files.readString(out)).isEqualTo("keep me");
  }
}
