package dev.hostkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hostkeep import vakap}: vakap's settings.json becomes sites hostkeep can run. */
class VakapImportTest {
  @TempDir Path dir;

  private static final String SETTINGS =
      """
      {
        "settings": {
          "default_ssh_key": ["/home/me/.ssh/my-key"],
          "backup_s3_bucket": "my-backup-bucket",
          "gpg_key": "0xDEADBEEF"
        },
        "hosts": [
          {
            "name": "my-sweet-app",
            "components": [
              {"type": "TgzComponent", "host_string": "me@example.com:22", "site_path": "/srv/app/"},
              {"type": "MysqlComponent", "host_string": "me@example.com:22",
               "db_name": "app", "db_user": "app_backup"},
              {"type": "PostgresComponent", "host_string": "me@db.example.com:2222",
               "db_name": "app_pg", "db_user": "pg"}
            ]
          },
          {
            "name": "wiki",
            "components": [
              {"type": "DuplicityComponent", "host_string": "deploy@wiki.example.com",
               "site_path": "/var/www/wiki"}
            ]
          }
        ]
      }
      """;

  @Test
  void sitesComponentsAndHostsBecomeACheckedConfig() throws Exception {
    Path settings = dir.resolve("settings.json");
    Files.writeString(settings, SETTINGS);
    Path out = dir.resolve("hostkeep.yaml");

    Cli.Result imported = Cli.run("import", "vakap", settings.toString(), "-o", out.toString());

    assertThat(imported.exitCode()).as(imported.all()).isZero();
    String yaml = Files.readString(out);
    assertThat(Files.getPosixFilePermissions(out))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(yaml)
        .contains("url: \"s3:s3.amazonaws.com/my-backup-bucket/hostkeep\"")
        .contains("gpg key 0xDEADBEEF")
        .contains("host: \"ssh://me@example.com:22\"")
        .contains("files: { path: \"/srv/app\", follow_symlinks: true }")
        .contains("mysql: { database: \"app\", user: \"app_backup\" }")
        .contains("name: \"my-sweet-app-db.example.com-2222\"")
        .contains("files: { path: \"/var/www/wiki\", exclude: [ \"/var/www/wiki/logs\" ] }");

    Files.writeString(dir.resolve("vakap-repo.pass"), "x\n");
    Path config = dir.resolve("checked.yaml");
    Files.writeString(
        config,
        "state: sqlite:" + dir.resolve("s.db") + "\n" + yaml.replace("/etc/hostkeep/", dir + "/"));
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
    Cli.Result check = Cli.run("-c", config.toString(), "config", "check");
    assertThat(check.exitCode()).as(check.all()).isZero();
    Cli.Result list = Cli.run("-c", config.toString(), "sites", "list");
    assertThat(list.out())
        .contains("my-sweet-app-example.com-22")
        .contains("files-app (files), mysql-app (mysql)")
        .contains("postgres-app_pg (postgres)")
        .contains("files-wiki (files)");
  }

  @Test
  void badSettingsAreNamedWithTheirPlace() throws Exception {
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{\n  \"hosts\": [ { \"name\": \"x\", }\n");
    Cli.Result json = Cli.run("import", "vakap", broken.toString());
    assertThat(json.exitCode()).isEqualTo(2);
    assertThat(json.err()).contains("broken.json:2:").contains("not valid JSON");

    Path unknown = dir.resolve("unknown.json");
    Files.writeString(
        unknown,
        "{\"hosts\": [{\"name\": \"x\", \"components\": [{\"type\": \"FtpComponent\","
            + " \"host_string\": \"a@b\"}]}]}");
    Cli.Result type = Cli.run("import", "vakap", unknown.toString());
    assertThat(type.exitCode()).isEqualTo(2);
    assertThat(type.err())
        .contains("hosts[0] (x) components[0]: unknown component type 'FtpComponent'");
    assertThat(Cli.run("import", "vakap", dir.resolve("none.json").toString()).err())
        .contains("no vakap settings at");
  }
}
