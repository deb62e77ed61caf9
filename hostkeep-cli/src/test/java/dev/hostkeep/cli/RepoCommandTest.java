package dev.hostkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostkeep.testkit.Restic;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hostkeep repo ...} end to end on a local repository, with restic as the judge. */
class RepoCommandTest {
  @TempDir Path dir;
  Path repo;
  Path data;
  Path passwordFile;

  @BeforeEach
  void setUp() throws Exception {
    repo = dir.resolve("repo");
    data = dir.resolve("www");
    passwordFile = dir.resolve("pass");
    Files.writeString(passwordFile, "s3cret-pa55\n");
    Files.createDirectories(data.resolve("site/cache"));
    Files.writeString(data.resolve("site/index.php"), "<?php echo 'hi';\n");
    Files.writeString(data.resolve("site/debug.log"), "noise\n");
    Files.writeString(
        data.resolve("site/cache/CACHEDIR.TAG"), "Signature: 8a477f597d28d172789f06886806bc55\n");
    Files.writeString(data.resolve("site/cache/page.html"), "cached\n");
    byte[] upload = new byte[2_500_000];
    new Random(7).nextBytes(upload);
    Files.write(data.resolve("site/upload.bin"), upload);
  }

  private Cli.Result repo(String... args) {
    String[] all = new String[args.length + 4];
    all[0] = "repo";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "-r";
    all[args.length + 2] = repo.toString();
    all[args.length + 3] = "--password-file=" + passwordFile;
    return Cli.run(all);
  }

  @Test
  void initBackupListRestoreDump() throws Exception {
    assertThat(repo("init").out()).contains("created repository").contains(repo.toString());
    Cli.Result backup =
        repo("backup", data.toString(), "--exclude", "*.log", "--exclude-caches", "--tag", "web");
    assertThat(backup.exitCode()).as(backup.all()).isZero();
    assertThat(backup.out())
        .contains("Files: 2 new, 0 changed, 0 unmodified")
        .contains("snapshot ");

    Cli.Result second =
        repo("backup", data.toString(), "--exclude", "*.log", "--exclude-caches", "--tag", "web");
    assertThat(second.out())
        .as(second.all())
        .contains("0 changed, 2 unmodified")
        .contains("read 0 B");

    Cli.Result snapshots = repo("snapshots");
    assertThat(snapshots.out()).contains("2 snapshots").contains(data.toString()).contains("web");

    Cli.Result ls = repo("ls", "latest", data.toString());
    assertThat(ls.out().lines())
        .contains(data + "/site", data + "/site/index.php", data + "/site/upload.bin")
        .doesNotContain(data + "/site/debug.log", data + "/site/cache/page.html");

    Path target = dir.resolve("restored");
    Cli.Result restore = repo("restore", "latest:" + data + "/site", "--target", target.toString());
    assertThat(restore.exitCode()).as(restore.all()).isZero();
    assertThat(Files.readAllBytes(target.resolve("upload.bin")))
        .isEqualTo(Files.readAllBytes(data.resolve("site/upload.bin")));
    assertThat(target.resolve("debug.log")).doesNotExist();

    Path dumped = dir.resolve("index.php");
    repo("dump", "latest", data + "/site/index.php", "--target", dumped.toString());
    assertThat(Files.readString(dumped)).isEqualTo("<?php echo 'hi';\n");

    Cli.Result check = repo("check", "--read-data");
    assertThat(check.exitCode()).as(check.all()).isZero();
    assertThat(check.out()).contains("no errors were found");
    Restic.at(repo, "s3cret-pa55").run("check", "--read-data").orFail();
  }

  @Test
  void stdinBecomesOneFileAndJsonSummary() throws Exception {
    repo("init");
    InputStream saved = System.in;
    try {
      System.setIn(new ByteArrayInputStream("-- dump\nCREATE TABLE t (id int);\n".getBytes()));
      Cli.Result backup =
          Cli.run(
              "--json",
              "repo",
              "backup",
              "-r",
              repo.toString(),
              "--password-file",
              passwordFile.toString(),
              "--stdin",
              "--stdin-filename",
              "shop.sql");
      assertThat(backup.exitCode()).as(backup.all()).isZero();
      assertThat(backup.out()).contains("\"snapshot_id\"").contains("\"files_new\" : 1");
    } finally {
      System.setIn(saved);
    }
    Restic restic = Restic.at(repo, "s3cret-pa55");
    assertThat(restic.run("dump", "latest", "/shop.sql").orFail().stdout())
        .isEqualTo("-- dump\nCREATE TABLE t (id int);\n");
  }

  @Test
  void keysCanBeAddedAndRemovedAndAWrongPasswordIsRefused() throws Exception {
    repo("init");
    Path second = dir.resolve("second");
    Files.writeString(second, "another one\n");
    Cli.Result added = repo("key", "add", "--new-password-file", second.toString());
    assertThat(added.exitCode()).as(added.all()).isZero();
    Cli.Result list =
        Cli.run("repo", "key", "list", "-r", repo.toString(), "--password-file", second.toString());
    assertThat(
            list.out().lines().filter(l -> l.contains("testhost") || l.matches(".*[0-9a-f]{8}.*")))
        .hasSize(2);
    String firstKey = firstKeyId();
    Cli.Result removed =
        Cli.run(
            "repo",
            "key",
            "remove",
            firstKey,
            "-r",
            repo.toString(),
            "--password-file",
            second.toString());
    assertThat(removed.exitCode()).as(removed.all()).isZero();

    Cli.Result refused = repo("snapshots");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("wrong password").doesNotContain("s3cret-pa55");
  }

  private String firstKeyId() throws Exception {
    Cli.Result list = repo("key", "list");
    for (String line : list.out().lines().toList()) {
      if (line.startsWith("*")) {
        return line.substring(1).strip().split("\\s+")[0];
      }
    }
    throw new AssertionError("no current key in\n" + list.out());
  }

  @Test
  void anUnreachableSftpRepositoryIsNamedAndABadOptionRefused() {
    int port = dev.hostkeep.testkit.FreePorts.next();
    Cli.Result unreachable =
        Cli.run(
            "repo",
            "snapshots",
            "-r",
            "sftp://backup@127.0.0.1:" + port + "//srv/repo",
            "--password-file=" + passwordFile);
    assertThat(unreachable.exitCode()).isNotZero();
    assertThat(unreachable.err()).contains("127.0.0.1").contains(String.valueOf(port));

    Cli.Result option = repo("snapshots", "-o", "s3.speed=fast");
    assertThat(option.exitCode()).isEqualTo(2);
    assertThat(option.err()).contains("s3.speed=fast").contains("s3.bucket-lookup");

    Cli.Result unknown =
        Cli.run("repo", "snapshots", "-r", "rest:http://host/", "--password-file=" + passwordFile);
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("'rest:' is not a repository type");
  }

  @Test
  void forgetByPolicyThenPruneFreesTheSpaceAndResticAgrees() throws Exception {
    assertThat(repo("init").exitCode()).isZero();
    for (int i = 0; i < 3; i++) {
      byte[] upload = new byte[1_500_000];
      new Random(100 + i).nextBytes(upload);
      Files.write(data.resolve("site/upload.bin"), upload);
      Cli.Result backup = repo("backup", data.toString());
      assertThat(backup.exitCode()).as(backup.all()).isZero();
    }

    Cli.Result dry = repo("forget", "--keep-last", "1", "--dry-run");
    assertThat(dry.exitCode()).as(dry.all()).isZero();
    assertThat(dry.out())
        .contains("keep 1 snapshot(s)")
        .contains("last snapshot")
        .contains("would remove 2 snapshot(s)");
    assertThat(repo("snapshots").out()).contains("3 snapshots");

    Cli.Result forget = repo("forget", "--keep-last", "1", "--prune", "--max-unused", "0%");
    assertThat(forget.exitCode()).as(forget.all()).isZero();
    assertThat(forget.out()).contains("removed 2 snapshot(s)").contains("done: wrote");
    assertThat(repo("snapshots").out()).contains("1 snapshots");

    Cli.Result again = repo("prune");
    assertThat(again.out()).contains("nothing to prune").contains("unused:       0 blobs");
    Restic.at(repo, "s3cret-pa55").run("check", "--read-data").orFail();

    Cli.Result none = repo("forget");
    assertThat(none.exitCode()).isZero();
    assertThat(none.err()).contains("nothing removed");
  }

  @Test
  void aRepositoryNamedInTheConfigBringsItsOwnPassword() throws Exception {
    Path config = dir.resolve("hostkeep.yaml");
    Files.writeString(
        config,
        """
        repositories:
          main:
            url: %s
            password: ${file:%s}
        """
            .formatted(repo, passwordFile));
    Files.setPosixFilePermissions(
        config, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

    Cli.Result init = Cli.run("-c", config.toString(), "repo", "init", "-r", "main");
    assertThat(init.exitCode()).as(init.all()).isZero();
    Cli.Result backup =
        Cli.run("-c", config.toString(), "repo", "backup", "-r", "main", data.toString());
    assertThat(backup.exitCode()).as(backup.all()).isZero();
    assertThat(Restic.at(repo, "s3cret-pa55").run("snapshots").orFail().stdout())
        .contains(data.toString());

    Cli.Result typo = Cli.run("-c", config.toString(), "repo", "snapshots", "-r", "mian");
    assertThat(typo.exitCode()).isEqualTo(2);
    assertThat(typo.err())
        .contains("no repository named 'mian'")
        .contains("main")
        .contains("./mian");
  }

  @Test
  void aBadRepositoryInTheConfigIsAConfigErrorWithItsPlace() throws Exception {
    Path config = dir.resolve("hostkeep.yaml");
    Files.writeString(
        config,
        """
        repositories:
          main:
            url: rest:http://host/
            pasword: x
        """);

    Cli.Result result = Cli.run("-c", config.toString(), "repo", "snapshots", "-r", "main");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("hostkeep.yaml:3:10: repositories.main.url")
        .contains("'rest:' is not a repository type")
        .contains("pasword")
        .contains("password");
  }
}
