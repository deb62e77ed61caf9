package dev.hostkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.hostkeep.testkit.Gpg;
import dev.hostkeep.testkit.Restic;
import dev.hostkeep.testkit.SmtpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hostkeep sites} and {@code hostkeep backup} end to end on this host: a config with two
 * sites, run, status, due and restore, with restic checking the repository.
 */
class BackupCommandTest {
  private static final String PASSWORD = "site repo pass";

  @TempDir Path dir;
  Path config;
  Path repo;
  Path www;

  @BeforeEach
  void setUp() throws Exception {
    repo = dir.resolve("repo");
    www = Files.createDirectories(dir.resolve("www/shop"));
    Files.writeString(www.resolve("index.php"), "<?php echo 'shop';\n");
    Files.writeString(www.resolve("REVISION"), "abc123\n");
    Files.writeString(dir.resolve("pass"), PASSWORD + "\n");
    Restic.at(repo, PASSWORD).run("init").orFail();
    config =
        write(
            "state: sqlite:"
                + dir.resolve("state.db")
                + "\nrepositories:\n  main: { url: "
                + repo
                + ", password: \"${file:"
                + dir.resolve("pass")
                + "}\" }\nsites:\n"
                + "  - name: shop\n    host: local\n    repository: main\n    schedule: daily\n"
                + "    revision: "
                + www
                + "\n    parts:\n      - files: { path: "
                + www
                + " }\n      - command: { name: export, run: 'echo order-1; echo order-2',"
                + " filename: orders.csv }\n"
                + "  - name: broken\n    repository: main\n    schedule: '0 3 * * *'\n    parts:\n"
                + "      - command: { name: export, run: 'echo half; exit 2' }\n");
  }

  private Path write(String yaml) throws Exception {
    Path file = dir.resolve("hostkeep.yaml");
    Files.writeString(file, yaml);
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
  void runStatusDueAndRestore() throws Exception {
    Cli.Result list = hostkeep("sites", "list");
    assertThat(list.out())
        .contains("shop")
        .contains("files-shop (files), export (command)")
        .contains("0 3 * * *");
    assertThat(hostkeep("backup", "due").out().lines())
        .containsExactly("shop/files-shop", "shop/export", "broken/export");
    assertThat(hostkeep("backup", "status").exitCode()).isEqualTo(1); // never backed up

    Cli.Result run = hostkeep("backup", "run");

    assertThat(run.exitCode()).as(run.all()).isEqualTo(4); // partial: broken failed
    assertThat(run.out())
        .containsPattern("shop/files-shop +ok")
        .containsPattern("shop/export +ok")
        .containsPattern("broken/export +FAILED")
        .contains("broken/export: command of part 'export' on local failed (exit status 2)");
    Cli.Result status = hostkeep("backup", "status");
    assertThat(status.exitCode()).isEqualTo(1);
    assertThat(status.out())
        .containsPattern("shop/files-shop +ok .*abc123")
        .containsPattern("broken/export +failed +never");
    assertThat(hostkeep("backup", "due").out().lines()).containsExactly("broken/export");
    Cli.Result json = hostkeep("--json", "backup", "status", "shop/export");
    assertThat(json.out()).contains("\"state\" : \"ok\"").contains("\"size\" : 16");

    Restic restic = Restic.at(repo, PASSWORD);
    restic.run("check", "--read-data").orFail();
    assertThat(restic.run("snapshots", "--tag", "site=shop,part=export").orFail().stdout())
        .contains("/orders.csv");
    Path target = dir.resolve("restored");
    Cli.Result restore = hostkeep("backup", "restore", "shop/export", "--to", target.toString());
    assertThat(restore.exitCode()).as(restore.all()).isZero();
    assertThat(target.resolve("orders.csv")).hasContent("order-1\norder-2\n");
    Cli.Result files = hostkeep("backup", "restore", "shop/files-shop", "--to", target.toString());
    assertThat(files.exitCode()).as(files.all()).isZero();
    assertThat(target.resolve(Path.of("/").relativize(www)).resolve("index.php"))
        .hasContent("<?php echo 'shop';\n");
  }

  @Test
  void forgetKeepsWhatThePolicySaysAndVerifyChecksTheNewest() throws Exception {
    config =
        write(
            Files.readString(config)
                .replace("    schedule: daily\n", "    schedule: daily\n    keep: { last: 2 }\n"));
    for (int i = 0; i < 4; i++) {
      assertThat(hostkeep("backup", "run", "shop").exitCode()).isZero();
    }
    Cli.Result dry = hostkeep("backup", "forget", "--dry-run");
    assertThat(dry.exitCode()).as(dry.all()).isZero();
    assertThat(dry.out())
        .contains("shop/files-shop: keep 2, would remove 2")
        .contains("shop/export: keep 2, would remove 2")
        .contains("broken: no keep policy");
    Restic restic = Restic.at(repo, PASSWORD);
    assertThat(restic.run("snapshots", "--tag", "site=shop", "--json").orFail().stdout())
        .containsPattern("(?s)(\"id\".*){8}");

    Cli.Result forget = hostkeep("backup", "forget", "--prune");
    assertThat(forget.exitCode()).as(forget.all()).isZero();
    assertThat(forget.out()).contains("shop/export: keep 2, remove 2");
    String left = restic.run("snapshots", "--tag", "site=shop", "--json").orFail().stdout();
    assertThat(left)
        .containsPattern("(?s)(\"id\".*){4}")
        .doesNotContainPattern("(?s)(\"id\".*){5}");
    restic.run("check", "--read-data").orFail();

    Cli.Result verify = hostkeep("backup", "verify", "shop");
    assertThat(verify.exitCode()).as(verify.all()).isZero();
    assertThat(verify.out()).contains("shop/files-shop: ok").contains("shop/export: ok");
    Cli.Result never = hostkeep("backup", "verify", "broken");
    assertThat(never.exitCode()).isEqualTo(1);
    assertThat(never.out()).contains("broken/export: FAILED: no snapshot of broken/export");
  }

  @Test
  void theExampleConfigOfTheDocsAndTheReadmeIsValid() throws Exception {
    Path secrets = Files.createDirectories(dir.resolve("etc"));
    for (String name :
        new String[] {"repo.pass", "s3.secret", "nas.pass", "shop-db.pass", "smtp.pass"}) {
      Files.writeString(secrets.resolve(name), "secret\n");
    }
    Files.writeString(secrets.resolve("hook.url"), "https://hooks.example.net/T0/B1/s3cr3t\n");
    Gpg gpg = Gpg.in(dir.resolve("gnupg"));
    String key = gpg.generate("Backups <backups@example.net>", "future-default", "");
    Files.writeString(secrets.resolve("backup-key.asc"), gpg.exportPublic(key));
    for (String file : new String[] {"../docs/sites.md", "../README.md"}) {
      String doc = Files.readString(Path.of(file));
      int start = doc.indexOf("```yaml\nstate:") + "```yaml\n".length();
      String yaml = doc.substring(start, doc.indexOf("```", start));
      config =
          write(
              yaml.replace("/etc/hostkeep/", secrets + "/")
                  .replace("/var/lib/hostkeep/state.db", dir.resolve("docs.db").toString()));
      Cli.Result check = hostkeep("config", "check");
      assertThat(check.exitCode()).as(file + ": " + check.all()).isZero();
      assertThat(hostkeep("sites", "list").out())
          .as(file)
          .contains("mysql-shop (mysql), files-shop (files)")
          .contains("postgres-blog (postgres), files-uploads (files)")
          .contains("mysql (mysql), export (command)")
          .contains("vault");
    }
  }

  @Test
  void beforeAndAfterCommandsFrameTheSiteAndAFailingBeforeFailsIt() throws Exception {
    Path log = dir.resolve("hooks.log");
    config =
        write(
            "state: sqlite:"
                + dir.resolve("hooks.db")
                + "\nrepositories:\n  main: { url: "
                + repo
                + ", password: \"${file:"
                + dir.resolve("pass")
                + "}\" }\nsites:\n"
                + "  - name: framed\n    repository: main\n"
                + "    before: [ 'echo before >> "
                + log
                + "' ]\n"
                + "    after: [ 'echo after >> "
                + log
                + "' ]\n    parts:\n"
                + "      - command: { name: export, run: 'echo during >> "
                + log
                + "; echo data' }\n"
                + "  - name: refused\n    repository: main\n"
                + "    before: [ 'echo maintenance >&2; exit 1' ]\n"
                + "    after: [ 'echo cleanup >> "
                + log
                + "' ]\n    parts:\n"
                + "      - command: { name: export, run: 'echo never >> "
                + log
                + "' }\n");

    Cli.Result framed = hostkeep("backup", "run", "framed");
    assertThat(framed.exitCode()).as(framed.all()).isZero();
    assertThat(log).hasContent("before\nduring\nafter\n");

    Cli.Result refused = hostkeep("backup", "run", "refused");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.out()).contains("refused/export: before command").contains("maintenance");
    assertThat(log).hasContent("before\nduring\nafter\ncleanup\n");
  }

  @Test
  void aFailedNightIsReportedToTheWebhookAndThePingSaysFail() throws Exception {
    List<String> requests = new CopyOnWriteArrayList<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          requests.add(
              exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + body);
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      config =
          write(
              Files.readString(config)
                  .replace(
                      "    schedule: '0 3 * * *'\n",
                      "    schedule: '0 3 * * *'\n    notify: { webhook: "
                          + base
                          + "/hook/s3cr3t-token, ping: "
                          + base
                          + "/ping/uuid }\n")
                  .replace(
                      "    schedule: daily\n",
                      "    schedule: daily\n    notify: { webhook: "
                          + base
                          + "/hook/x, ping: "
                          + base
                          + "/ping/shop }\n"));

      assertThat(hostkeep("backup", "run").exitCode()).isEqualTo(4);

      assertThat(requests)
          .hasSize(3)
          .anySatisfy(r -> assertThat(r).startsWith("POST /ping/shop shop/files-shop: ok"))
          .anySatisfy(r -> assertThat(r).startsWith("POST /ping/uuid/fail broken/export: FAILED"))
          .anySatisfy(
              r ->
                  assertThat(r)
                      .startsWith("POST /hook/s3cr3t-token {\"site\":\"broken\"")
                      .contains("\"ok\":false")
                      .contains("exit status 2"));
      // the webhook of the site that succeeded is only called on failure
      assertThat(requests).noneMatch(r -> r.startsWith("POST /hook/x"));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aFailedNightIsMailedThroughAnSmtpServerWithItsLogin() throws Exception {
    Files.writeString(dir.resolve("smtp.pass"), "mail pass\n");
    try (SmtpServer smtp = SmtpServer.start(dir.resolve("smtp"), "backup", "mail pass")) {
      config =
          write(
              Files.readString(config)
                  .replace(
                      "    schedule: '0 3 * * *'\n",
                      "    schedule: '0 3 * * *'\n    notify:\n      email: { to: [ops@example.test,"
                          + " oncall@example.test], from: backup@node1.example.test, server:"
                          + " 127.0.0.1:"
                          + smtp.port()
                          + ", tls: none, user: backup, password: \"${file:"
                          + dir.resolve("smtp.pass")
                          + "}\" }\n")
                  .replace(
                      "    schedule: daily\n",
                      "    schedule: daily\n    notify: { email: { to: ops@example.test, server:"
                          + " 127.0.0.1:"
                          + smtp.port()
                          + ", tls: none, user: backup, password: wrong } }\n"));

      Cli.Result run = hostkeep("backup", "run");

      assertThat(run.exitCode()).isEqualTo(4);
      assertThat(run.all()).doesNotContain("mail pass");
      // the site that succeeded sends nothing (on: failure); the failed one one mail to both
      assertThat(smtp.messages())
          .as(smtp.logTail())
          .singleElement()
          .satisfies(
              mail ->
                  assertThat(mail)
                      .contains("From: backup@node1.example.test")
                      .contains("To: ops@example.test, oncall@example.test")
                      .contains("Subject: hostkeep: broken FAILED (1 of 1)")
                      .contains("Auto-Submitted: auto-generated")
                      .contains("broken/export: FAILED")
                      .contains("exit status 2"));
    }
  }

  @Test
  // It reads the log from System.err, which SecretsTest swaps too (and sets the log format of):
  // the two must not run at once.
  @org.junit.jupiter.api.parallel.ResourceLock(org.junit.jupiter.api.parallel.Resources.SYSTEM_ERR)
  void aMailWithTheWrongLoginIsLoggedAndTheRunStillEnds() throws Exception {
    try (SmtpServer smtp = SmtpServer.start(dir.resolve("smtp"), "backup", "right")) {
      config =
          write(
              Files.readString(config)
                  .replace(
                      "    schedule: '0 3 * * *'\n",
                      "    schedule: '0 3 * * *'\n    notify: { email: { to: ops@example.test,"
                          + " server: 127.0.0.1:"
                          + smtp.port()
                          + ", tls: none, user: backup, password: not-the-password } }\n"));

      // log lines go to the process's stderr (logback writes to whatever System.err is now)
      java.io.ByteArrayOutputStream logged = new java.io.ByteArrayOutputStream();
      // swapped only while no other test runs a command line, which would log into it
      Cli.Result run =
          Cli.alone(
              () -> {
                java.io.PrintStream stderr = System.err;
                System.setErr(new java.io.PrintStream(logged, true, StandardCharsets.UTF_8));
                try {
                  return hostkeep("backup", "run", "broken");
                } finally {
                  System.setErr(stderr);
                }
              });

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(logged.toString(StandardCharsets.UTF_8))
          .contains("could not e-mail ops@example.test", "refused the login of backup")
          .doesNotContain("not-the-password");
      assertThat(run.all()).doesNotContain("not-the-password");
      assertThat(smtp.messages()).isEmpty();
    }
  }

  @Test
  void aPartWhoseLastSuccessIsTwoScheduledRunsAgoIsOverdue() throws Exception {
    assertThat(hostkeep("backup", "run", "shop").exitCode()).isZero();
    assertThat(hostkeep("backup", "status", "shop").exitCode()).isZero();
    // the state as a run three days ago would have left it
    try (var state =
        dev.hostkeep.core.state.StateStores.open(
            "sqlite:" + dir.resolve("state.db"), java.time.Clock.systemUTC())) {
      var key = dev.hostkeep.backup.site.PartRecord.key("shop", "export");
      var record =
          dev.hostkeep.backup.site.PartRecord.fromJson(state.get(key).orElseThrow().value());
      java.time.Instant then = java.time.Instant.now().minus(java.time.Duration.ofDays(3));
      state.put(
          key,
          new dev.hostkeep.backup.site.PartRecord(
                  then,
                  then,
                  record.snapshot(),
                  record.size(),
                  record.added(),
                  record.durationMillis(),
                  null,
                  null)
              .toJson());
    }

    Cli.Result status = hostkeep("backup", "status", "shop");

    assertThat(status.exitCode()).isEqualTo(1);
    assertThat(status.out())
        .containsPattern("shop/export +overdue")
        .containsPattern("shop/files-shop +ok");
    assertThat(hostkeep("backup", "due").out().lines())
        .contains("shop/export")
        .doesNotContain("shop/files-shop");
  }

  @Test
  void dryRunBacksUpNothing() {
    Cli.Result dry = hostkeep("backup", "run", "shop", "--dry-run");
    assertThat(dry.exitCode()).as(dry.all()).isZero();
    assertThat(dry.out())
        .contains("would back up shop/files-shop (files) from local to main")
        .contains("would back up shop/export (command) from local to main")
        .doesNotContain("broken");
    assertThat(dir.resolve("state.db")).doesNotExist();
    assertThat(Restic.at(repo, PASSWORD).run("snapshots", "--json").orFail().stdout().strip())
        .isEqualTo("[]");
  }

  @Test
  void unknownSitesAndPartsAreNamedWithTheClosestOne() {
    Cli.Result site = hostkeep("backup", "run", "shopp");
    assertThat(site.exitCode()).isEqualTo(2);
    assertThat(site.err()).contains("no site named 'shopp'").contains("did you mean 'shop'");
    Cli.Result part = hostkeep("backup", "run", "shop/exprt");
    assertThat(part.exitCode()).isEqualTo(2);
    assertThat(part.err()).contains("no part named 'exprt'").contains("did you mean 'export'");
    Cli.Result restore = hostkeep("backup", "restore", "shop/export", "--into-database", "x");
    assertThat(restore.err()).contains("is a command part; restore it with --to DIR");
  }

  @Test
  void badSitesConfigIsReportedWithItsPlace() throws Exception {
    config =
        write(
            "sites:\n  - name: empty\n    repository: main\n    parts: []\n"
                + "  - name: typo\n    repository: main\n    schedul: daily\n    parts:\n"
                + "      - mysqll: { database: x }\n"
                + "  - name: cron\n    repository: main\n    schedule: '61 * * * *'\n"
                + "    host: ssh://web1.example.net\n    parts:\n"
                + "      - files: { path: relative/path }\n");
    Cli.Result check = hostkeep("config", "check");
    assertThat(check.exitCode()).isEqualTo(2);
    assertThat(check.all())
        .contains("hostkeep.yaml:2:")
        .contains("site 'empty' has no parts")
        .contains("unknown key 'schedul'")
        .contains("did you mean 'schedule'")
        .contains("a part is one of mysql, mariadb, postgres, files, command")
        .contains("'61 * * * *' is not a valid cron expression")
        .contains("must be absolute")
        .contains("invalid host 'ssh://web1.example.net': no user");
  }

  @Test
  void aNotificationUrlJavaCannotUseIsAConfigErrorThatDoesNotRepeatIt() throws Exception {
    // URI.create takes a host with an underscore, the HTTP client does not, and its error names
    // the whole URL, token and all.
    config =
        write(
            "sites:\n  - name: shop\n    repository: main\n"
                + "    notify: { webhook: 'https://alert_mgr/hooks/s3cr3t-token' }\n"
                + "    parts:\n      - command: { name: export, run: 'echo hi' }\n");

    Cli.Result check = hostkeep("config", "check");

    assertThat(check.exitCode()).isEqualTo(2);
    assertThat(check.all())
        .contains("hostkeep.yaml:4:")
        .contains("has 1 error")
        .contains("a notification URL must be http(s)://HOST/...")
        .doesNotContain("s3cr3t-token");
  }
}
