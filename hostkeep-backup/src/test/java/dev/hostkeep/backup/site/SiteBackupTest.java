package dev.hostkeep.backup.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostkeep.backup.archive.BackupStats;
import dev.hostkeep.backup.config.SitesSection;
import dev.hostkeep.backup.repo.Keys;
import dev.hostkeep.backup.repo.Repository;
import dev.hostkeep.backup.repo.Snapshot;
import dev.hostkeep.backup.storage.LocalBackend;
import dev.hostkeep.core.capability.Plugins;
import dev.hostkeep.core.config.ConfigLoader;
import dev.hostkeep.core.config.HostkeepConfig;
import dev.hostkeep.core.host.Host;
import dev.hostkeep.core.host.Hosts;
import dev.hostkeep.core.host.SshOptions;
import dev.hostkeep.core.secret.Redactor;
import dev.hostkeep.core.state.StateStore;
import dev.hostkeep.core.state.StateStores;
import dev.hostkeep.testkit.MariaDbServer;
import dev.hostkeep.testkit.PostgresServer;
import dev.hostkeep.testkit.Restic;
import dev.hostkeep.testkit.SshdServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Site backups against real servers: MariaDB and PostgreSQL dumped by their own tools, on this host
 * and through a real sshd; folders read locally and as a remote tar stream; every result restored
 * and compared with what was there, and every repository checked by restic.
 */
class SiteBackupTest {
  private static final String PASSWORD = "repository password";
  private static final String DB_PASSWORD = "s3cret 'pass\" word";
  private static final AtomicInteger REPOS = new AtomicInteger();

  @TempDir static Path dir;
  static MariaDbServer mariadb;
  static PostgresServer postgres;
  static SshdServer sshd;
  static SshOptions ssh;

  @BeforeAll
  static void start() throws IOException {
    mariadb = MariaDbServer.start(Files.createDirectories(dir.resolve("my")));
    postgres = PostgresServer.start();
    sshd = SshdServer.start(Files.createDirectories(dir.resolve("sshd")));
    Path knownHosts = dir.resolve("known_hosts");
    Files.writeString(knownHosts, sshd.knownHostsLine() + "\n");
    ssh =
        SshOptions.defaults()
            .withKnownHosts(knownHosts)
            .withIdentityFiles(List.of(sshd.clientKey()))
            .withoutAgent();
    mariadb.sql(
        "CREATE USER backup@localhost IDENTIFIED BY '"
            + DB_PASSWORD.replace("'", "''")
            + "';"
            + " GRANT ALL ON *.* TO backup@localhost;");
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable server : new AutoCloseable[] {sshd, postgres, mariadb}) {
      try {
        if (server != null) {
          server.close();
        }
      } catch (Exception e) {
        // stopping the others matters more
      }
    }
  }

  /** A fresh repository, state store and config for one test. */
  private record Setup(Path repo, StateStore state, HostkeepConfig config) {
    SitesSection.Sites sites() {
      return config.section(SitesSection.NAME, SitesSection.Sites.class).orElseThrow();
    }

    Site site(String name) {
      return sites().site(name).orElseThrow();
    }

    Repository open() {
      Repository repository =
          Repository.open(new LocalBackend(repo), PASSWORD, Repository.Options.defaults());
      repository.loadIndex();
      return repository;
    }

    List<SiteBackup.Outcome> run(String... siteNames) {
      return run(ssh, siteNames);
    }

    List<SiteBackup.Outcome> run(SshOptions ssh, String... siteNames) {
      Map<Site, List<Part>> selection = new LinkedHashMap<>();
      for (String name : siteNames) {
        selection.put(site(name), site(name).parts());
      }
      Map<String, Host> hosts = new ConcurrentHashMap<>();
      try (Repository repository = open()) {
        SiteBackup backup =
            new SiteBackup(
                spec -> hosts.computeIfAbsent(spec, s -> Hosts.open(s, ssh)),
                name -> repository,
                state,
                Clock.systemUTC(),
                2,
                SiteBackup.Limits.defaults());
        return backup.run(
            selection,
            new SiteBackup.Listener() {
              @Override
              public void started(Site site, Part part, BackupStats stats) {}

              @Override
              public void finished(SiteBackup.Outcome outcome) {}
            });
      } finally {
        hosts.values().forEach(Host::close);
      }
    }

    List<Snapshot.Stored> snapshots(String site, String part) {
      try (Repository repository = open()) {
        return repository.snapshots().stream()
            .filter(
                s -> s.snapshot().tagList().containsAll(List.of("site=" + site, "part=" + part)))
            .toList();
      }
    }

    PartRecord record(String site, String part) {
      return state
          .get(PartRecord.key(site, part))
          .map(r -> PartRecord.fromJson(r.value()))
          .orElseThrow();
    }

    void restoreDatabase(String site, String part, Optional<String> database, String into)
        throws IOException {
      Site s = site(site);
      DatabasePart p = (DatabasePart) s.part(part).orElseThrow();
      try (Repository repository = open();
          Host host = Hosts.open(s.host(), ssh)) {
        SiteRestore restore = new SiteRestore(repository, 2);
        Snapshot.Stored snapshot = restore.snapshot(s, p, Optional.empty(), Optional.empty());
        restore.intoDatabase(p, snapshot, database, into, host);
      }
    }

    List<String> verify(String site, String part) throws IOException {
      Site s = site(site);
      Part p = s.part(part).orElseThrow();
      try (Repository repository = open();
          Host host = Hosts.open(s.host(), ssh)) {
        SiteRestore restore = new SiteRestore(repository, 2);
        Snapshot.Stored snapshot = restore.snapshot(s, p, Optional.empty(), Optional.empty());
        return p instanceof DatabasePart d
            ? restore.verifyDatabase(d, snapshot, host)
            : restore.verifyFiles(snapshot, Files.createTempDirectory(dir, "verify"));
      }
    }

    void checkedByRestic() {
      Restic.at(repo, PASSWORD).run("check", "--read-data").orFail();
    }
  }

  private static Setup setup(String sitesYaml) throws IOException {
    int n = REPOS.incrementAndGet();
    Path base = Files.createDirectories(dir.resolve("t" + n));
    Path repo = base.resolve("repo");
    Repository.init(
            new LocalBackend(repo),
            PASSWORD,
            2,
            new Keys.Origin("tester", "testhost", Instant.now()),
            Repository.Options.defaults())
        .close();
    Path file = base.resolve("hostkeep.yaml");
    Files.writeString(file, "sites:\n" + sitesYaml);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    Map<String, String> env = Map.of("DB_PASSWORD", DB_PASSWORD);
    HostkeepConfig config =
        new ConfigLoader(
                Plugins.discover(SiteBackupTest.class.getClassLoader()), new Redactor(), env::get)
            .load(file);
    StateStore state = StateStores.open("sqlite:" + base.resolve("state.db"), Clock.systemUTC());
    return new Setup(repo, state, config);
  }

  private static String mysqlLogin() {
    return "user: backup, password: \"${env:DB_PASSWORD}\", socket: " + mariadb.socket();
  }

  private static String pgLogin() {
    return "user: postgres, server: 127.0.0.1, port: " + postgres.port();
  }

  // --- MariaDB -------------------------------------------------------------------------------

  @Test
  void aMariaDbDatabaseDumpedOverSshIsRestoredWithTheSameRows() throws Exception {
    mariadb.sql(
        "CREATE DATABASE shop1; CREATE TABLE shop1.orders (id INT PRIMARY KEY, item TEXT, price"
            + " DECIMAL(8,2), photo BLOB);"
            + " INSERT INTO shop1.orders SELECT seq, CONCAT('item ', seq, ' ünïcødé'), seq / 7,"
            + " UNHEX(SHA2(seq, 256)) FROM shop1.seq_1_to_5000;");
    String before = mysqlChecksum("shop1");
    Setup setup =
        setup(
            "  - name: shop\n    host: "
                + sshd.uri()
                + "\n    repository: main\n    parts:\n      - mysql: { database: shop1, "
                + mysqlLogin()
                + " }\n");

    List<SiteBackup.Outcome> outcomes = setup.run("shop");

    assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.ok()).as(o.error()).isTrue());
    assertThat(setup.snapshots("shop", "mysql-shop1")).hasSize(1);
    mariadb.sql("DROP DATABASE shop1;");
    setup.restoreDatabase("shop", "mysql-shop1", Optional.empty(), "shop1");
    assertThat(mysqlChecksum("shop1")).isEqualTo(before);
    assertThat(setup.verify("shop", "mysql-shop1")).isEmpty();
    assertThat(mariadb.sql("SHOW DATABASES LIKE 'hostkeep_verify%';")).isBlank();
    PartRecord record = setup.record("shop", "mysql-shop1");
    assertThat(record.lastError()).isNull();
    assertThat(record.snapshot()).isEqualTo(outcomes.get(0).snapshot());
    assertThat(record.size()).isPositive();
    setup.checkedByRestic();
  }

  @Test
  void allDatabasesAreDumpedOneFileEachAndOddNamesSurvive() throws Exception {
    // a leading "--" too: without care the dump tool would take the name for one of its options;
    // and a backslash, which the client's plain listing escapes
    String odd = "--odd `name's\" back\\slash db";
    mariadb.sql(
        "CREATE DATABASE `all_a`; CREATE TABLE all_a.t (v INT); INSERT INTO all_a.t VALUES (1),(2);"
            + " CREATE DATABASE `"
            + odd.replace("`", "``")
            + "`;"
            + " CREATE TABLE `"
            + odd.replace("`", "``")
            + "`.t (v TEXT);"
            + " INSERT INTO `"
            + odd.replace("`", "``")
            + "`.t VALUES ('kept');");
    Setup setup =
        setup(
            "  - name: all\n    host: local\n    repository: main\n    parts:\n"
                + "      - mariadb: { all: true, "
                + mysqlLogin()
                + " }\n");

    assertThat(setup.run("all")).allSatisfy(o -> assertThat(o.ok()).as(o.error()).isTrue());

    try (Repository repository = setup.open()) {
      Snapshot.Stored snapshot = setup.snapshots("all", "mysql").get(0);
      List<String> files =
          new SiteRestore(repository, 2).dumps(snapshot).stream().map(n -> n.name()).toList();
      assertThat(files).contains("all_a.sql", "mysql.sql", odd + ".sql");
      assertThat(files).doesNotContain("information_schema.sql", "performance_schema.sql");
    }
    setup.restoreDatabase("all", "mysql", Optional.of(odd), "restored_odd");
    assertThat(mariadb.sql("SELECT v FROM restored_odd.t;").strip()).isEqualTo("kept");
  }

  @Test
  void aWrongPasswordFailsThePartLeavesNoSnapshotAndTheOtherPartsStillRun() throws Exception {
    mariadb.sql("CREATE DATABASE wrongpw; CREATE TABLE wrongpw.t (v INT);");
    Path www = Files.createDirectories(dir.resolve("wrongpw-www"));
    Files.writeString(www.resolve("index.html"), "hello");
    Setup setup =
        setup(
            "  - name: pw\n    host: local\n    repository: main\n    parts:\n"
                + "      - mysql: { database: wrongpw, user: backup, password: nope, socket: "
                + mariadb.socket()
                + " }\n      - mysql: { name: missing, database: no_such_db, "
                + mysqlLogin()
                + " }\n      - files: { path: "
                + www
                + " }\n");

    List<SiteBackup.Outcome> outcomes = setup.run("pw");

    assertThat(outcomes).extracting(SiteBackup.Outcome::ok).containsExactly(false, false, true);
    assertThat(outcomes.get(0).error()).contains("Access denied").doesNotContain("nope");
    assertThat(outcomes.get(1).error()).contains("no_such_db");
    assertThat(setup.snapshots("pw", "mysql-wrongpw")).isEmpty();
    assertThat(setup.snapshots("pw", "missing")).isEmpty();
    assertThat(setup.snapshots("pw", "files-wrongpw-www")).hasSize(1);
    assertThat(setup.record("pw", "mysql-wrongpw").lastSuccess()).isNull();
    assertThat(setup.record("pw", "mysql-wrongpw").lastError()).contains("Access denied");
    setup.checkedByRestic();
  }

  @Test
  void aDumpThatDiesHalfWayIsAFailureNotAShortBackup() throws Exception {
    Setup setup =
        setup(
            "  - name: dies\n    host: "
                + sshd.uri()
                + "\n    repository: main\n    parts:\n"
                + "      - command: { name: export, run: 'head -c 3000000 /dev/urandom; echo"
                + " broken >&2; exit 3' }\n");

    List<SiteBackup.Outcome> outcomes = setup.run("dies");

    assertThat(outcomes.get(0).ok()).isFalse();
    assertThat(outcomes.get(0).error()).contains("exit status 3").contains("broken");
    assertThat(setup.snapshots("dies", "export")).isEmpty();
    setup.checkedByRestic();
  }

  @Test
  void anUnreachableHostFailsItsPartsWithTheReason() throws Exception {
    Setup setup =
        setup(
            "  - name: gone\n    host: ssh://nobody@127.0.0.1:1\n    repository: main\n    parts:\n"
                + "      - command: { name: export, run: 'echo hi' }\n");

    List<SiteBackup.Outcome> outcomes = setup.run("gone");

    assertThat(outcomes.get(0).ok()).isFalse();
    assertThat(outcomes.get(0).error()).contains("127.0.0.1");
    assertThat(setup.record("gone", "export").lastError()).contains("127.0.0.1");
  }

  @Test
  void aChangedHostKeyRefusesTheHostAndSaysWhy() throws Exception {
    Path other = SshdServer.keygen(dir.resolve("impostor_key"), "ed25519");
    String[] offered = Files.readString(Path.of(other + ".pub")).strip().split(" ");
    Path knownHosts = dir.resolve("changed_known_hosts");
    Files.writeString(
        knownHosts,
        sshd.knownHostsLine().split(" ")[0] + " " + offered[0] + " " + offered[1] + "\n");
    Setup setup =
        setup(
            "  - name: mitm\n    host: "
                + sshd.uri()
                + "\n    repository: main\n    parts:\n"
                + "      - command: { name: export, run: 'echo secret data' }\n");

    List<SiteBackup.Outcome> outcomes = setup.run(ssh.withKnownHosts(knownHosts), "mitm");

    assertThat(outcomes.get(0).ok()).isFalse();
    assertThat(outcomes.get(0).error()).contains("HAS CHANGED").contains("man-in-the-middle");
    assertThat(setup.snapshots("mitm", "export")).isEmpty();
  }

  // --- PostgreSQL ----------------------------------------------------------------------------

  @Test
  void postgresDatabasesInBothFormatsAreRestoredWithTheSameRows() throws Exception {
    postgres.createDatabase("blog");
    pgSql(
        "blog",
        "CREATE TABLE posts (id int primary key, body text, data bytea);"
            + " INSERT INTO posts SELECT g, 'post ' || g || ' ✓', sha256(g::text::bytea)"
            + " FROM generate_series(1, 3000) g;");
    String before = pgChecksum("blog");
    Setup setup =
        setup(
            "  - name: blog\n    host: "
                + sshd.uri()
                + "\n    repository: main\n    parts:\n"
                + "      - postgres: { name: plain, database: blog, globals: true, "
                + pgLogin()
                + " }\n"
                + "      - postgres: { name: custom, database: blog, format: custom, "
                + pgLogin()
                + " }\n");

    assertThat(setup.run("blog")).allSatisfy(o -> assertThat(o.ok()).as(o.error()).isTrue());

    try (Repository repository = setup.open()) {
      Snapshot.Stored plain = setup.snapshots("blog", "plain").get(0);
      assertThat(new SiteRestore(repository, 2).dumps(plain))
          .extracting(n -> n.name())
          .containsExactly("blog.sql", "pg_globals.sql");
    }
    setup.restoreDatabase("blog", "plain", Optional.empty(), "blog_plain");
    setup.restoreDatabase("blog", "custom", Optional.empty(), "blog_custom");
    assertThat(pgChecksum("blog_plain")).isEqualTo(before);
    assertThat(pgChecksum("blog_custom")).isEqualTo(before);
    assertThat(setup.verify("blog", "plain")).isEmpty();
    assertThat(setup.verify("blog", "custom")).isEmpty();
    setup.checkedByRestic();
  }

  @Test
  void aPostgresLoadWhoseDumpCannotBeReadToItsEndLeavesNothingBehind() throws Exception {
    Setup setup =
        setup(
            "  - name: half\n    host: "
                + sshd.uri()
                + "\n    repository: main\n    parts:\n"
                + "      - postgres: { name: db, database: half, "
                + pgLogin()
                + " }\n");
    Site site = setup.site("half");
    DatabasePart part = (DatabasePart) site.part("db").orElseThrow();
    // Whole statements arrive, then the repository fails (a damaged pack, a dropped connection).
    SiteRestore.Dump dump =
        new SiteRestore.Dump(
            "half.sql",
            0,
            in -> {
              in.write(
                  "CREATE TABLE first_half (id int);\nINSERT INTO first_half VALUES (1);\n"
                      .getBytes(java.nio.charset.StandardCharsets.UTF_8));
              throw new IOException("pack 5f3c... is damaged");
            });

    try (Host host = Hosts.open(site.host(), ssh)) {
      assertThatThrownBy(() -> SiteRestore.load(part, dump, "half_restored", host))
          .isInstanceOf(PartFailedException.class)
          .hasMessageContaining("the dump could not be read: pack 5f3c... is damaged");
    }

    // psql got the statements and then the end of its input, but no commit: nothing stays.
    try (Connection c =
            DriverManager.getConnection(postgres.jdbcUrl("half_restored"), "postgres", "");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT to_regclass('public.first_half') IS NULL")) {
      r.next();
      assertThat(r.getBoolean(1)).as("first_half must not exist").isTrue();
    }
  }

  @Test
  void aSiteWhoseStateRefusesAWriteStillReportsEveryPart() throws Exception {
    Setup setup =
        setup(
            "  - name: twice\n    repository: main\n    parts:\n"
                + "      - command: { name: first, run: 'echo one' }\n"
                + "      - command: { name: second, run: 'echo two' }\n");
    StateStore real = setup.state();
    StateStore full =
        (StateStore)
            java.lang.reflect.Proxy.newProxyInstance(
                StateStore.class.getClassLoader(),
                new Class<?>[] {StateStore.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("put")
                      && args[0].equals(PartRecord.key("twice", "second"))) {
                    throw new IllegalStateException("database or disk is full");
                  }
                  try {
                    return method.invoke(real, args);
                  } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                  }
                });

    List<SiteBackup.Outcome> outcomes = new Setup(setup.repo(), full, setup.config()).run("twice");

    assertThat(outcomes)
        .extracting(SiteBackup.Outcome::part, SiteBackup.Outcome::ok)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("first", true),
            org.assertj.core.groups.Tuple.tuple("second", false));
    assertThat(outcomes.get(1).error()).contains("database or disk is full");
  }

  @Test
  void aSiteAnotherProcessIsBackingUpIsNotRunTwiceAtOnce() throws Exception {
    Setup setup =
        setup(
            "  - name: long\n    repository: main\n    parts:\n"
                + "      - command: { name: export, run: 'echo one' }\n");

    List<SiteBackup.Outcome> whileBusy;
    // what the other process holds while its dump runs
    try (var other =
        setup.state().lock(SiteBackup.lockName(setup.site("long")), java.time.Duration.ZERO)) {
      whileBusy = setup.run("long");
    }

    assertThat(whileBusy)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.ok()).isFalse();
              assertThat(o.error()).contains("another backup of this site is running");
            });
    assertThat(setup.snapshots("long", "export")).isEmpty();
    assertThat(setup.state().get(PartRecord.key("long", "export"))).isEmpty();
    // once the other run is done, the site runs
    assertThat(setup.run("long")).singleElement().satisfies(o -> assertThat(o.ok()).isTrue());
  }

  @Test
  void verifyReadsTheDumpsItMustNotLoadAndReportsOneThatCannotBeRead() throws Exception {
    Setup setup =
        setup(
            "  - name: roles\n    repository: main\n    parts:\n"
                + "      - postgres: { name: db, database: roles, globals: true, "
                + pgLogin()
                + " }\n");
    DatabasePart part = (DatabasePart) setup.site("roles").part("db").orElseThrow();
    SiteRestore.Dump globals =
        new SiteRestore.Dump(
            "pg_globals.sql",
            100,
            in -> {
              throw new IOException("blob 9a1f... does not match its hash");
            });

    try (Host local = Hosts.open("local", ssh)) {
      assertThat(SiteRestore.verifyDumps(part, List.of(globals), local))
          .containsExactly("pg_globals.sql: blob 9a1f... does not match its hash");
    }
  }

  @Test
  void aDatabaseNamedLikeTheGlobalsDumpFailsThePartInsteadOfOverwritingIt() throws Exception {
    Setup setup =
        setup(
            "  - name: clash\n    repository: main\n    parts:\n"
                + "      - postgres: { name: db, database: pg_globals, globals: true, "
                + pgLogin()
                + " }\n");

    assertThat(setup.run("clash"))
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.ok()).isFalse();
              assertThat(o.error())
                  .contains("database 'pg_globals' would be stored under the name of the globals");
            });
    assertThat(setup.snapshots("clash", "db")).isEmpty();
  }

  @Test
  void listedDatabaseNamesAreReadAsTheServerHoldsThem() {
    // hex of "line\nbreak", " padded " and "back\\slash", one per line as both clients print it
    String listed = "6c696e650a627265616b\n207061646465642020\n6261636b5c736c617368\n";

    assertThat(DatabaseTools.listedNames(listed))
        .containsExactly("line\nbreak", " padded  ", "back\\slash");
  }

  // --- files ---------------------------------------------------------------------------------

  @Test
  void aFolderReadOverSshAsTarIsRestoredByteForByteWithModesTimesAndLinks() throws Exception {
    Path www = Files.createDirectories(dir.resolve("remote-www"));
    Files.createDirectories(www.resolve("static/img"));
    Files.writeString(www.resolve("index.php"), "<?php echo 'hi';\n");
    byte[] big = new byte[3_000_000];
    new java.util.Random(7).nextBytes(big);
    Files.write(www.resolve("static/img/big.bin"), big);
    Files.createSymbolicLink(www.resolve("current"), Path.of("static"));
    Files.createLink(www.resolve("hardlink.php"), www.resolve("index.php"));
    Files.writeString(www.resolve("debug.log"), "left out");
    Files.setPosixFilePermissions(
        www.resolve("index.php"), PosixFilePermissions.fromString("rwxr-x---"));
    Files.setLastModifiedTime(
        www.resolve("index.php"),
        java.nio.file.attribute.FileTime.from(Instant.parse("2020-05-06T07:08:09.123456789Z")));
    Files.writeString(www.resolve("REVISION"), "v1.2.3\n");
    Setup setup =
        setup(
            "  - name: web\n    host: "
                + sshd.uri()
                + "\n    repository: main\n    revision: "
                + www
                + "\n    parts:\n      - files: { path: "
                + www
                + ", exclude: [ '*.log' ] }\n");

    List<SiteBackup.Outcome> outcomes = setup.run("web");

    assertThat(outcomes.get(0).ok()).as(outcomes.get(0).error()).isTrue();
    assertThat(setup.record("web", "files-remote-www").revision()).isEqualTo("v1.2.3");
    Path target = dir.resolve("restored-web");
    Restic.at(setup.repo(), PASSWORD)
        .run("restore", "latest", "--target", target.toString())
        .orFail();
    Path restored = target.resolve(Path.of("/").relativize(www));
    assertThat(restored.resolve("static/img/big.bin")).hasBinaryContent(big);
    assertThat(Files.readString(restored.resolve("index.php"))).isEqualTo("<?php echo 'hi';\n");
    assertThat(Files.getPosixFilePermissions(restored.resolve("index.php")))
        .isEqualTo(PosixFilePermissions.fromString("rwxr-x---"));
    assertThat(Files.getLastModifiedTime(restored.resolve("index.php")).toInstant())
        .isEqualTo(Instant.parse("2020-05-06T07:08:09.123456789Z"));
    assertThat(Files.readSymbolicLink(restored.resolve("current"))).isEqualTo(Path.of("static"));
    assertThat(Files.getAttribute(restored.resolve("hardlink.php"), "unix:ino"))
        .isEqualTo(Files.getAttribute(restored.resolve("index.php"), "unix:ino"));
    assertThat(restored.resolve("debug.log")).doesNotExist();
    assertThat(setup.verify("web", "files-remote-www")).isEmpty();
    setup.checkedByRestic();

    // unchanged: the second run stores (almost) nothing new
    List<SiteBackup.Outcome> again = setup.run("web");
    assertThat(again.get(0).ok()).isTrue();
    assertThat(again.get(0).added()).isLessThan(10_000);
  }

  @Test
  void aMissingFolderOnTheHostFailsThePart() throws Exception {
    Setup setup =
        setup(
            "  - name: nofolder\n    host: "
                + sshd.uri()
                + "\n    repository: main\n    parts:\n"
                + "      - files: { path: "
                + dir.resolve("does-not-exist")
                + " }\n");

    List<SiteBackup.Outcome> outcomes = setup.run("nofolder");

    assertThat(outcomes.get(0).ok()).isFalse();
    assertThat(outcomes.get(0).error()).contains("does not exist");
    assertThat(setup.snapshots("nofolder", "files-does-not-exist")).isEmpty();
  }

  // --- helpers -------------------------------------------------------------------------------

  private static String mysqlChecksum(String database) {
    return mariadb.sql(
        "CHECKSUM TABLE " + database + ".orders; SELECT COUNT(*) FROM " + database + ".orders;");
  }

  private static void pgSql(String database, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(database), "postgres", "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static String pgChecksum(String database) throws SQLException {
    try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(database), "postgres", "");
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT count(*), md5(string_agg(id || ':' || body || ':' || encode(data, 'hex'),"
                    + " ',' ORDER BY id)) FROM posts")) {
      r.next();
      return r.getLong(1) + " " + r.getString(2);
    }
  }
}
