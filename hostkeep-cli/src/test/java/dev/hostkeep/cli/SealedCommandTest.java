package dev.hostkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostkeep.testkit.Gpg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hostkeep backup} with a sealed repository, end to end on this host: run, status, restore,
 * verify and forget, and the same archive opened by the real {@code gpg -d | zstd -d}.
 */
class SealedCommandTest {
  private static final String PASSPHRASE = "restore only";

  @TempDir Path dir;
  Path config;
  Path vault;
  Gpg gpg;
  String secret;

  @BeforeEach
  void setUp() throws Exception {
    gpg = Gpg.in(dir.resolve("gnupg"));
    String fingerprint = gpg.generate("Vault <vault@example.test>", "future-default", PASSPHRASE);
    Files.writeString(dir.resolve("vault.asc"), gpg.exportPublic(fingerprint));
    Files.writeString(dir.resolve("secret.asc"), gpg.exportSecret(fingerprint, PASSPHRASE));
    Files.writeString(dir.resolve("passphrase"), PASSPHRASE + "\n");
    vault = dir.resolve("vault");
    Path www = Files.createDirectories(dir.resolve("www"));
    Files.writeString(www.resolve("index.html"), "sealed shop\n");
    config =
        write(
            "state: sqlite:"
                + dir.resolve("state.db")
                + "\nrepositories:\n  vault:\n    url: "
                + vault
                + "\n    format: sealed\n    recipients: ["
                + dir.resolve("vault.asc")
                + "]\nsites:\n"
                + "  - name: shop\n    host: local\n    repository: vault\n    keep: { last: 1 }\n"
                + "    parts:\n      - files: { name: www, path: "
                + www
                + " }\n      - command: { name: export, run: 'seq 1 1000', filename: rows.txt }\n",
            "");
  }

  private Path write(String yaml, String extra) throws Exception {
    Path file = dir.resolve("hostkeep.yaml");
    Files.writeString(file, yaml.replace("    format: sealed\n", "    format: sealed\n" + extra));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  private Cli.Result hostkeep(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "-c";
    all[1] = config.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return Cli.run(all);
  }

  @Test
  void runRestoreVerifyAndForgetOnASealedRepository() throws Exception {
    Cli.Result run = hostkeep("backup", "run");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .containsPattern("shop/www +ok +\\d{4}/\\d\\d/\\d\\d/\\d{6} ")
        .contains("shop/export")
        .doesNotContain("FAILED");
    Cli.Result status = hostkeep("backup", "status");
    assertThat(status.exitCode()).as(status.out()).isZero();
    assertThat(status.out()).contains("ok");

    Path object;
    try (var walk = Files.walk(vault)) {
      object = walk.filter(p -> p.toString().endsWith(".txt.zst.gpg")).findFirst().orElseThrow();
    }
    StringBuilder rows = new StringBuilder();
    for (int i = 1; i <= 1000; i++) {
      rows.append(i).append('\n');
    }
    assertThat(new String(gpg.openArchive(object, PASSPHRASE))).isEqualTo(rows.toString());

    Cli.Result noIdentity = hostkeep("backup", "restore", "shop/export", "--to", "x");
    assertThat(noIdentity.exitCode()).isNotZero();
    assertThat(noIdentity.err()).contains("is sealed", "identity:", "gpg -d FILE | zstd -d");
    Cli.Result resticCommand = hostkeep("repo", "snapshots", "-r", "vault");
    assertThat(resticCommand.exitCode()).isNotZero();
    assertThat(resticCommand.err()).contains("is sealed");

    config =
        write(
            Files.readString(config),
            "    identity: \"${file:"
                + dir.resolve("secret.asc")
                + "}\"\n    identity_passphrase: \"${file:"
                + dir.resolve("passphrase")
                + "}\"\n");
    Path restored = dir.resolve("restored");
    Cli.Result restore = hostkeep("backup", "restore", "shop/export", "--to", restored.toString());
    assertThat(restore.exitCode()).as(restore.err()).isZero();
    assertThat(restore.out()).contains("from archive shop/export/");
    assertThat(restored.resolve("rows.txt")).hasContent(rows.toString().strip());
    Cli.Result files = hostkeep("backup", "restore", "shop/www", "--to", restored.toString());
    assertThat(files.exitCode()).as(files.err()).isZero();
    assertThat(restored.resolve(dir.resolve("www/index.html").toString().substring(1)))
        .hasContent("sealed shop");
    Cli.Result verify = hostkeep("backup", "verify");
    assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
    assertThat(verify.out()).contains("shop/www: ok", "shop/export: ok");
    assertThat(verify.out() + verify.err()).doesNotContain(PASSPHRASE);

    Thread.sleep(1100); // a second run in another second, so it is the newest by time
    assertThat(hostkeep("backup", "run").exitCode()).isZero();
    Cli.Result dry = hostkeep("backup", "forget", "--dry-run");
    assertThat(dry.out()).contains("shop/export: keep 1, would remove 1");
    assertThat(archives()).hasSize(4);
    Cli.Result forget = hostkeep("backup", "forget");
    assertThat(forget.exitCode()).as(forget.err()).isZero();
    assertThat(forget.out()).contains("shop/www: keep 1, remove 1");
    assertThat(archives()).hasSize(2);
  }

  private List<Path> archives() throws Exception {
    try (var walk = Files.walk(vault)) {
      return walk.filter(p -> p.toString().endsWith(".json")).toList();
    }
  }
}
