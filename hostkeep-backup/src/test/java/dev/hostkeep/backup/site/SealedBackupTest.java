package dev.hostkeep.backup.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostkeep.backup.archive.BackupStats;
import dev.hostkeep.backup.config.RepositoriesSection;
import dev.hostkeep.backup.config.SitesSection;
import dev.hostkeep.backup.repo.Retention;
import dev.hostkeep.backup.sealed.Identity;
import dev.hostkeep.backup.sealed.SealedArchives;
import dev.hostkeep.backup.sealed.SealedRepository;
import dev.hostkeep.backup.storage.Backends;
import dev.hostkeep.backup.storage.LocalBackend;
import dev.hostkeep.backup.storage.Location;
import dev.hostkeep.backup.storage.ObjectStore;
import dev.hostkeep.backup.storage.RetryingBackend;
import dev.hostkeep.backup.storage.S3Backend;
import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.capability.Plugins;
import dev.hostkeep.core.config.ConfigException;
import dev.hostkeep.core.config.ConfigLoader;
import dev.hostkeep.core.config.HostkeepConfig;
import dev.hostkeep.core.host.Host;
import dev.hostkeep.core.host.Hosts;
import dev.hostkeep.core.host.SshOptions;
import dev.hostkeep.core.secret.Redactor;
import dev.hostkeep.core.secret.Secret;
import dev.hostkeep.core.state.StateStore;
import dev.hostkeep.core.state.StateStores;
import dev.hostkeep.testkit.FakeClock;
import dev.hostkeep.testkit.Gpg;
import dev.hostkeep.testkit.MariaDbServer;
import dev.hostkeep.testkit.S3ProxyServer;
import dev.hostkeep.testkit.SshdServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Grant;

/**
 * Sealed archives judged by the real GnuPG: what hostkeep stores opens with {@code gpg -d | zstd
 * -d} and the private key alone, and equals what the dump, the command or the folder produced.
 */
class SealedBackupTest {
  private static final String PASSPHRASE = "correct horse battery staple";
  private static final String DB_PASSWORD = "sealed 'pw\"";
  private static final AtomicInteger RUNS = new AtomicInteger();

  @TempDir static Path dir;
  static MariaDbServer mariadb;
  static SshdServer sshd;
  static S3ProxyServer s3;
  static SshOptions ssh;
  static Gpg gpg;
  static Gpg other;
  static Path publicKey;
  static Path otherKey;
  static String secretKey;

  @BeforeAll
  static void start() throws IOException {
    gpg = Gpg.in(dir.resolve("gnupg"));
    String fingerprint =
        gpg.generate("Backups <backups@example.test>", "future-default", PASSPHRASE);
    publicKey = dir.resolve("backups.asc");
    Files.writeString(publicKey, gpg.exportPublic(fingerprint));
    secretKey = gpg.exportSecret(fingerprint, PASSPHRASE);
    other = Gpg.in(dir.resolve("gnupg-other"));
    String second = other.generateClassicRsa("Auditor <audit@example.test>");
    otherKey = dir.resolve("auditor.asc");
    Files.writeString(otherKey, other.exportPublic(second));
    mariadb = MariaDbServer.start(Files.createDirectories(dir.resolve("my")));
    mariadb.sql(
        "CREATE USER sealer@localhost IDENTIFIED BY '"
            + DB_PASSWORD.replace("'", "''")
            + "'; GRANT ALL ON *.* TO sealer@localhost;");
    sshd = SshdServer.start(Files.createDirectories(dir.resolve("sshd")));
    Path knownHosts = dir.resolve("known_hosts");
    Files.writeString(knownHosts, sshd.knownHostsLine() + "\n");
    ssh =
        SshOptions.defaults()
            .withKnownHosts(knownHosts)
            .withIdentityFiles(List.of(sshd.clientKey()))
            .withoutAgent();
    s3 = S3ProxyServer.start(Files.createDirectories(dir.resolve("s3")));
    s3.createBucket("sealed");
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable server : new AutoCloseable[] {s3, sshd, mariadb}) {
      try {
        if (server != null) {
          server.close();
        }
      } catch (Exception e) {
        // stopping the others matters more
      }
    }
  }

  /** A config with one sealed repository at {@code url} and the sites given, loaded for real. */
  private record Setup(HostkeepConfig config, StateStore state, Path base) {
    Site site(String name) {
      return config
          .section(SitesSection.NAME, SitesSection.Sites.class)
          .orElseThrow()
          .site(name)
          .orElseThrow();
    }

    RepositoriesSection.Entry entry() {
      return config
          .section(RepositoriesSection.NAME, RepositoriesSection.Repositories.class)
          .orElseThrow()
          .entries()
          .get("vault");
    }

    ObjectStore store() {
      return Backends.openStore(Location.parse(entry().url(), "me"), settings());
    }

    List<SiteBackup.Outcome> run(Clock clock, String... names) {
      Map<Site, List<Part>> selection = new LinkedHashMap<>();
      for (String name : names) {
        selection.put(site(name), site(name).parts());
      }
      Map<String, Host> hosts = new ConcurrentHashMap<>();
      try (ObjectStore store = store()) {
        SealedRepository sealed =
            new SealedRepository(
                "vault", new SealedArchives(store), entry().recipients().orElseThrow());
        SiteBackup.Repositories repositories =
            new SiteBackup.Repositories() {
              @Override
              public dev.hostkeep.backup.repo.Repository open(String name) {
                throw new AssertionError("a sealed repository is never opened as restic's");
              }

              @Override
              public Optional<SealedRepository> sealed(String name) {
                return Optional.of(sealed);
              }
            };
        return new SiteBackup(
                spec -> hosts.computeIfAbsent(spec, s -> Hosts.open(s, ssh)),
                repositories,
                state,
                clock,
                2,
                SiteBackup.Limits.defaults())
            .run(selection, quiet());
      } finally {
        hosts.values().forEach(Host::close);
      }
    }

    List<SiteBackup.Outcome> run(String... names) {
      return run(Clock.systemUTC(), names);
    }

    Identity identity() {
      return Identity.parse(
          secretKey.getBytes(StandardCharsets.UTF_8), PASSPHRASE.toCharArray(), "the test key");
    }
  }

  private static Backends.Settings settings() {
    return Backends.Settings.defaults(Map.of(), ssh)
        .withS3(
            S3Backend.Options.defaults(true)
                .withRegion(s3.region())
                .withCredentials(s3.accessKey(), Secret.of(s3.secretKey(), new Redactor()), null))
        .withRetry(new RetryingBackend.Policy(2, Duration.ofMillis(100), Duration.ofSeconds(1)));
  }

  private static Setup setup(String url, String sitesYaml) throws IOException {
    Path base = Files.createDirectories(dir.resolve("t" + RUNS.incrementAndGet()));
    String resolved = url.replace("BASE", base.toString());
    Path file = base.resolve("hostkeep.yaml");
    Files.writeString(
        file,
        "repositories:\n  vault:\n    url: "
            + resolved
            + "\n    format: sealed\n    recipients: ["
            + publicKey
            + ", "
            + otherKey
            + "]\nsites:\n"
            + sitesYaml);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    HostkeepConfig config = load(file);
    StateStore state = StateStores.open("sqlite:" + base.resolve("state.db"), Clock.systemUTC());
    return new Setup(config, state, base);
  }

  private static HostkeepConfig load(Path file) {
    Map<String, String> env = Map.of("DB_PASSWORD", DB_PASSWORD);
    return new ConfigLoader(
            Plugins.discover(SealedBackupTest.class.getClassLoader()), new Redactor(), env::get)
        .load(file);
  }

  private static String mysqlLogin() {
    return "user: sealer, password: \"${env:DB_PASSWORD}\", socket: " + mariadb.socket();
  }

  // -----------------------------------------------------------------------------------------

  @Test
  void aDumpOverSshOpensWithGpgAndZstdAndLoadsTheSameRows() throws Exception {
    mariadb.sql(
        "CREATE DATABASE vault1; CREATE TABLE vault1.orders (id INT PRIMARY KEY, item TEXT,"
            + " photo BLOB); INSERT INTO vault1.orders SELECT seq, CONCAT('item ', seq, ' ü'),"
            + " UNHEX(SHA2(seq, 256)) FROM vault1.seq_1_to_20000;");
    String before = checksum("vault1");
    Setup setup =
        setup(
            "BASE/vault",
            "  - name: shop\n    host: "
                + sshd.uri()
                + "\n    repository: vault\n    parts:\n      - mysql: { database: vault1, "
                + mysqlLogin()
                + " }\n");

    List<SiteBackup.Outcome> outcomes = setup.run("shop");

    assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.ok()).as(o.error()).isTrue());
    Path vault = setup.base().resolve("vault");
    List<Path> objects = files(vault);
    assertThat(objects)
        .extracting(p -> vault.relativize(p).toString())
        .allMatch(
            k ->
                k.matches("shop/mysql-vault1/\\d{4}/\\d\\d/\\d\\d/\\d{6}\\.(sql\\.zst\\.gpg|json)"))
        .hasSize(2);
    Path object =
        objects.stream().filter(p -> p.toString().endsWith(".gpg")).findFirst().orElseThrow();
    assertThat(Files.getPosixFilePermissions(object))
        .isEqualTo(PosixFilePermissions.fromString("r--------"));
    assertThat(new String(Files.readAllBytes(object), StandardCharsets.ISO_8859_1))
        .doesNotContain("CREATE TABLE", "item 1");

    byte[] dump = gpg.openArchive(object, PASSPHRASE);
    assertThat(new String(dump, StandardCharsets.UTF_8)).contains("CREATE TABLE `orders`");
    mariadb.sql("DROP DATABASE vault1; CREATE DATABASE vault1;");
    gpg.shell(
        "set -o pipefail; gpg --batch --quiet --pinentry-mode loopback --passphrase \"$2\" -d"
            + " \"$1\" | zstd -d -q | mariadb --no-defaults --socket=\"$3\" --user=root vault1",
        object.toString(),
        PASSPHRASE,
        mariadb.socket().toString());
    assertThat(checksum("vault1")).isEqualTo(before);

    Site site = setup.site("shop");
    DatabasePart part = (DatabasePart) site.parts().get(0);
    try (ObjectStore store = setup.store();
        Host host = Hosts.open(site.host(), ssh)) {
      SealedRestore restore = new SealedRestore(new SealedArchives(store), setup.identity());
      SealedArchives.Archive archive =
          restore.archive(site, part, Optional.empty(), Optional.empty());
      assertThat(archive.id()).isEqualTo(outcomes.get(0).snapshot());
      assertThat(archive.manifest().files())
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.name()).isEqualTo("vault1.sql");
                assertThat(f.bytes()).isEqualTo(dump.length);
              });
      restore.intoDatabase(part, archive, Optional.empty(), "vault1_copy", host);
      assertThat(checksum("vault1_copy")).isEqualTo(before);
      assertThat(restore.verify(part, archive, host)).isEmpty();
    }
    assertThat(mariadb.sql("SHOW DATABASES LIKE 'hostkeep_verify%';")).isBlank();
    PartRecord record =
        PartRecord.fromJson(
            setup.state().get(PartRecord.key("shop", "mysql-vault1")).orElseThrow().value());
    assertThat(record.snapshot()).isEqualTo(outcomes.get(0).snapshot());
    assertThat(record.size()).isEqualTo(dump.length);
    assertThat(record.added()).isEqualTo(Files.size(object)).isLessThan(dump.length);
  }

  @Test
  void commandOutputIsByteIdenticalForEveryRecipientAndAFolderComesBackAsATar() throws Exception {
    Path data = Files.createDirectories(dir.resolve("export-data"));
    byte[] random = new byte[3_000_000];
    new Random(7).nextBytes(random);
    Files.write(data.resolve("blob.bin"), random);
    Path www = Files.createDirectories(dir.resolve("sealed-www"));
    Files.createDirectories(www.resolve("img"));
    Files.createDirectories(www.resolve("cache"));
    Files.writeString(www.resolve("index.html"), "<h1>shop</h1>\n");
    Files.write(www.resolve("img/logo.png"), random);
    Files.writeString(www.resolve("cache/page.tmp"), "stale");
    Files.writeString(www.resolve("debug.log"), "noise");
    Files.createSymbolicLink(www.resolve("home.html"), Path.of("index.html"));
    Setup setup =
        setup(
            "BASE/vault",
            "  - name: site2\n    host: local\n    repository: vault\n    parts:\n"
                + "      - command: { name: export, run: 'cat "
                + data.resolve("blob.bin")
                + "', filename: export.bin }\n"
                + "      - files: { name: www, path: "
                + www
                + ", exclude: ['*.log', '"
                + www.resolve("cache")
                + "'] }\n");

    assertThat(setup.run("site2")).allSatisfy(o -> assertThat(o.ok()).as(o.error()).isTrue());

    Path vault = setup.base().resolve("vault");
    Path export = only(vault, "site2/export/", ".bin.zst.gpg");
    assertThat(gpg.openArchive(export, PASSPHRASE)).isEqualTo(random);
    assertThat(other.openArchive(export, "")).isEqualTo(random);

    Path tar = only(vault, "site2/www/", ".tar.zst.gpg");
    Path unpacked = Files.createDirectories(dir.resolve("unpacked"));
    gpg.shell(
        "set -o pipefail; gpg --batch --quiet --pinentry-mode loopback --passphrase \"$2\" -d"
            + " \"$1\" | zstd -d -q | tar -x -C \"$3\"",
        tar.toString(),
        PASSPHRASE,
        unpacked.toString());
    Path root = unpacked.resolve(www.toString().substring(1));
    assertThat(root.resolve("index.html")).hasContent("<h1>shop</h1>");
    assertThat(Files.readAllBytes(root.resolve("img/logo.png"))).isEqualTo(random);
    assertThat(Files.readSymbolicLink(root.resolve("home.html"))).isEqualTo(Path.of("index.html"));
    assertThat(root.resolve("debug.log")).doesNotExist();
    assertThat(root.resolve("cache")).doesNotExist();

    Site site = setup.site("site2");
    try (ObjectStore store = setup.store()) {
      SealedRestore restore = new SealedRestore(new SealedArchives(store), setup.identity());
      Part files = site.part("www").orElseThrow();
      Path restored = dir.resolve("restored-www");
      restore.toFolder(
          files, restore.archive(site, files, Optional.empty(), Optional.empty()), restored);
      assertThat(
              Files.readAllBytes(
                  restored.resolve(www.toString().substring(1)).resolve("img/logo.png")))
          .isEqualTo(random);
      Part command = site.part("export").orElseThrow();
      Path out = dir.resolve("restored-export");
      restore.toFolder(
          command, restore.archive(site, command, Optional.empty(), Optional.empty()), out);
      assertThat(Files.readAllBytes(out.resolve("export.bin"))).isEqualTo(random);
    }
  }

  @Test
  void aDumpThatFailsLeavesNeitherObjectNorManifest() throws Exception {
    Setup setup =
        setup(
            "BASE/vault",
            "  - name: broken\n    host: "
                + sshd.uri()
                + "\n    repository: vault\n    parts:\n"
                + "      - command: { name: export, run: 'head -c 3000000 /dev/urandom; echo"
                + " disk on fire >&2; exit 3' }\n"
                + "      - mysql: { name: nodb, database: no_such_vault, "
                + mysqlLogin()
                + " }\n");

    List<SiteBackup.Outcome> outcomes = setup.run("broken");

    assertThat(outcomes).extracting(SiteBackup.Outcome::ok).containsExactly(false, false);
    assertThat(outcomes.get(0).error()).contains("disk on fire");
    assertThat(outcomes.get(1).error()).contains("no_such_vault");
    Path vault = setup.base().resolve("vault");
    assertThat(Files.exists(vault) ? files(vault) : List.<Path>of()).isEmpty();
  }

  @Test
  void onS3TheArchivesArePrivateAndOpenWithGpg() throws Exception {
    Setup setup =
        setup(
            "s3:" + s3.endpoint() + "/sealed/nightly",
            "  - name: s3site\n    host: local\n    repository: vault\n    parts:\n"
                + "      - command: { name: export, run: 'seq 1 200000', filename: numbers.txt }\n");

    assertThat(setup.run("s3site")).allSatisfy(o -> assertThat(o.ok()).as(o.error()).isTrue());

    try (S3Client client =
        S3Client.builder()
            .endpointOverride(s3.endpoint())
            .region(Region.of(s3.region()))
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
            .build()) {
      List<String> keys =
          client.listObjectsV2(b -> b.bucket("sealed").prefix("nightly/")).contents().stream()
              .map(o -> o.key())
              .toList();
      assertThat(keys).hasSize(2);
      String object =
          keys.stream().filter(k -> k.endsWith(".txt.zst.gpg")).findFirst().orElseThrow();
      assertThat(object)
          .matches("nightly/s3site/export/\\d{4}/\\d\\d/\\d\\d/\\d{6}\\.txt\\.zst\\.gpg");
      for (String key : keys) {
        List<Grant> grants = client.getObjectAcl(b -> b.bucket("sealed").key(key)).grants();
        assertThat(grants)
            .as(key)
            .noneMatch(g -> g.grantee().uri() != null && g.grantee().uri().contains("AllUsers"));
      }
      Path local = dir.resolve("from-s3.gpg");
      Files.write(
          local, client.getObjectAsBytes(b -> b.bucket("sealed").key(object)).asByteArray());
      StringBuilder expected = new StringBuilder();
      for (int i = 1; i <= 200000; i++) {
        expected.append(i).append('\n');
      }
      assertThat(new String(gpg.openArchive(local, PASSPHRASE), StandardCharsets.UTF_8))
          .isEqualTo(expected.toString());
    }
  }

  @Test
  void overSftpTheArchiveAppearsWholeAndOpensWithGpg() throws Exception {
    Setup setup =
        setup(
            "sftp://" + sshd.user() + "@127.0.0.1:" + sshd.port() + "/BASE/over-sftp",
            "  - name: sftpsite\n    host: local\n    repository: vault\n    parts:\n"
                + "      - command: { name: export, run: 'seq 1 300000', filename: n.txt }\n");

    assertThat(setup.run("sftpsite")).allSatisfy(o -> assertThat(o.ok()).as(o.error()).isTrue());

    Path folder = setup.base().resolve("over-sftp");
    assertThat(files(folder))
        .extracting(p -> folder.relativize(p).toString())
        .hasSize(2)
        .allMatch(
            k -> k.matches("sftpsite/export/\\d{4}/\\d\\d/\\d\\d/\\d{6}\\.(txt\\.zst\\.gpg|json)"));
    Path object = only(folder, "sftpsite/export/", ".gpg");
    assertThat(new String(gpg.openArchive(object, PASSPHRASE), StandardCharsets.UTF_8))
        .startsWith("1\n2\n3\n")
        .endsWith("\n300000\n");
    try (ObjectStore store = setup.store()) {
      SealedArchives archives = new SealedArchives(store);
      assertThat(archives.list("sftpsite", "export")).singleElement();
      Site site = setup.site("sftpsite");
      assertThat(
              new SealedRestore(archives, setup.identity())
                  .verify(site.parts().get(0), archives.list("sftpsite", "export").get(0), null))
          .isEmpty();
    }
  }

  @Test
  void retentionOverSixtyNightsKeepsWhatThePolicySaysAndDeletesTheRest() throws Exception {
    Setup setup =
        setup(
            "BASE/vault",
            "  - name: kept\n    host: local\n    repository: vault\n"
                + "    keep: { daily: 7, weekly: 4, monthly: 2 }\n    parts:\n"
                + "      - command: { name: export, run: 'echo orders', filename: orders.csv }\n");
    Site site = setup.site("kept");
    Part part = site.parts().get(0);
    FakeClock clock = new FakeClock(Instant.parse("2026-01-01T02:00:00Z"));
    List<Instant> nights = new ArrayList<>();
    for (int night = 0; night < 60; night++) {
      nights.add(clock.instant());
      assertThat(setup.run(clock, "kept")).allMatch(SiteBackup.Outcome::ok);
      try (ObjectStore store = setup.store()) {
        SealedArchives archives = new SealedArchives(store);
        SiteRetention.apply(archives, SiteRetention.plan(archives, site, part));
      }
      clock.advance(Duration.ofDays(1).plusMinutes(night % 5));
    }
    TreeSet<Instant> left = new TreeSet<>();
    try (ObjectStore store = setup.store()) {
      for (SealedArchives.Archive archive : new SealedArchives(store).list("kept", "export")) {
        left.add(archive.manifest().instant());
      }
    }
    Retention keep = new Retention(0, 0, 7, 4, 2, 0, null, List.of());
    List<Instant> expected =
        keep.select(nights, n -> n.atOffset(ZoneOffset.UTC), n -> List.of()).keep();
    assertThat(left).containsExactlyElementsOf(new TreeSet<>(expected));
    assertThat(left).hasSizeBetween(9, 13);
    // every object left belongs to a manifest that is left: the deleted runs left nothing behind
    Path vault = setup.base().resolve("vault");
    assertThat(files(vault)).hasSize(left.size() * 2);
  }

  @Test
  void badSealedRepositoriesAreConfigErrorsWithTheirLine() throws Exception {
    Path base = Files.createDirectories(dir.resolve("bad-config"));
    Path notAKey = base.resolve("not-a-key.asc");
    Files.writeString(notAKey, "hello\n");
    Path file = base.resolve("hostkeep.yaml");
    Files.writeString(
        file,
        "repositories:\n"
            + "  nokeys: { url: /srv/a, format: sealed }\n"
            + "  badkey: { url: /srv/b, format: sealed, recipients: ["
            + notAKey
            + "] }\n"
            + "  withpw: { url: /srv/c, format: sealed, password: x, recipients: ["
            + publicKey
            + "] }\n"
            + "  restic: { url: /srv/d, password: x, recipients: ["
            + publicKey
            + "] }\n"
            + "  typo: { url: /srv/e, format: seald }\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(() -> load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("hostkeep.yaml:2:")
        .hasMessageContaining("needs recipients")
        .hasMessageContaining("hostkeep.yaml:3:")
        .hasMessageContaining("is not an OpenPGP public key")
        .hasMessageContaining("hostkeep.yaml:4:")
        .hasMessageContaining("has no password")
        .hasMessageContaining("hostkeep.yaml:5:")
        .hasMessageContaining("only a repository with format: sealed has recipients")
        .hasMessageContaining("hostkeep.yaml:6:")
        .hasMessageContaining("did you mean 'sealed'");
  }

  @Test
  void anArchiveForSomeoneElseIsRefusedAndATamperedOneFailsItsCheck() throws Exception {
    Setup setup =
        setup(
            "BASE/vault",
            "  - name: tamper\n    host: local\n    repository: vault\n    parts:\n"
                + "      - command: { name: export, run: 'seq 1 50000', filename: n.txt }\n");
    assertThat(setup.run("tamper")).allMatch(SiteBackup.Outcome::ok);
    Site site = setup.site("tamper");
    Part part = site.parts().get(0);
    Gpg stranger = Gpg.in(dir.resolve("gnupg-stranger"));
    String fpr = stranger.generate("Stranger <s@example.test>", "future-default", "");
    Identity strangers =
        Identity.parse(
            stranger.exportSecret(fpr, "").getBytes(StandardCharsets.UTF_8), null, "stranger");
    Path vault = setup.base().resolve("vault");
    try (ObjectStore store = new LocalBackend(vault)) {
      SealedArchives archives = new SealedArchives(store);
      SealedArchives.Archive archive = archives.list("tamper", "export").get(0);
      SealedArchives.File file = archive.manifest().files().get(0);
      assertThatThrownBy(() -> archives.open(file, strangers).readAllBytes())
          .isInstanceOf(HostkeepException.class)
          .hasMessageContaining("encrypted to none of the identity's keys");
      assertThatThrownBy(
              () ->
                  new SealedRestore(archives, setup.identity())
                      .archive(site, part, Optional.of("2020/01/01/000000"), Optional.empty()))
          .hasMessageContaining("no archive 2020/01/01/000000 of tamper/export");

      Path object = vault.resolve(file.object());
      byte[] bytes = Files.readAllBytes(object);
      bytes[bytes.length - 30] ^= 1;
      object.toFile().setWritable(true);
      Files.write(object, bytes);
      assertThat(new SealedRestore(archives, setup.identity()).verify(part, archive, null))
          .singleElement()
          .asString()
          .containsAnyOf(
              "integrity",
              "SHA-256",
              "zstd",
              "Unknown frame",
              "Corrupted",
              "Data corruption",
              "checksum");
    }
  }

  // -----------------------------------------------------------------------------------------

  private static String checksum(String database) {
    return mariadb
        .sql(
            "CHECKSUM TABLE " + database + ".orders; SELECT COUNT(*) FROM " + database + ".orders;")
        .replace(database + ".orders", "orders");
  }

  private static List<Path> files(Path root) throws IOException {
    try (var walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static Path only(Path root, String prefix, String suffix) throws IOException {
    List<Path> matching =
        files(root).stream()
            .filter(p -> root.relativize(p).toString().startsWith(prefix))
            .filter(p -> p.toString().endsWith(suffix))
            .toList();
    assertThat(matching).as(prefix + "*" + suffix).hasSize(1);
    return matching.get(0);
  }

  private static SiteBackup.Listener quiet() {
    return new SiteBackup.Listener() {
      @Override
      public void started(Site site, Part part, BackupStats stats) {}

      @Override
      public void finished(SiteBackup.Outcome outcome) {}
    };
  }
}
