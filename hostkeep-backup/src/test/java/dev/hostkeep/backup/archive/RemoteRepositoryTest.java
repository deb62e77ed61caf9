package dev.hostkeep.backup.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostkeep.backup.repo.Keys;
import dev.hostkeep.backup.repo.Repository;
import dev.hostkeep.backup.repo.Snapshot;
import dev.hostkeep.backup.storage.Backend;
import dev.hostkeep.backup.storage.Backends;
import dev.hostkeep.backup.storage.Location;
import dev.hostkeep.backup.storage.RetryingBackend;
import dev.hostkeep.backup.storage.S3Backend;
import dev.hostkeep.core.host.SshOptions;
import dev.hostkeep.core.secret.Redactor;
import dev.hostkeep.core.secret.Secret;
import dev.hostkeep.testkit.CuttingProxy;
import dev.hostkeep.testkit.Restic;
import dev.hostkeep.testkit.S3ProxyServer;
import dev.hostkeep.testkit.SshdServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repositories on S3 (S3Proxy) and SFTP (OpenSSH's sshd), judged by restic reading the very same
 * bucket and folder over its own S3 and SFTP clients.
 */
class RemoteRepositoryTest {
  static final String BUCKET = "repos";
  @TempDir static Path servers;
  @TempDir Path temp;
  static S3ProxyServer s3;
  static SshdServer sshd;
  static Path knownHosts;

  @BeforeAll
  static void start() throws IOException {
    s3 = S3ProxyServer.start(Files.createDirectories(servers.resolve("s3")));
    s3.createBucket(BUCKET);
    sshd = SshdServer.start(Files.createDirectories(servers.resolve("sshd")));
    knownHosts = servers.resolve("known_hosts");
    Files.writeString(knownHosts, sshd.knownHostsLine() + "\n");
  }

  @AfterAll
  static void stop() {
    if (sshd != null) {
      sshd.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  static Backends.Settings settings() {
    return Backends.Settings.defaults(
            Map.of(),
            SshOptions.defaults()
                .withKnownHosts(knownHosts)
                .withIdentityFiles(List.of(sshd.clientKey()))
                .withoutAgent())
        .withS3(
            S3Backend.Options.defaults(true)
                .withRegion(s3.region())
                .withCredentials(s3.accessKey(), Secret.of(s3.secretKey(), new Redactor()), null))
        .withRetry(new RetryingBackend.Policy(4, Duration.ofMillis(100), Duration.ofSeconds(1)));
  }

  Restic resticOnS3(String url) {
    return Restic.remote(
        url,
        Repos.PASSWORD,
        temp.resolve("restic-cache"),
        Map.of("AWS_ACCESS_KEY_ID", s3.accessKey(), "AWS_SECRET_ACCESS_KEY", s3.secretKey()));
  }

  static Repository init(Backend backend) {
    return Repository.init(
        backend,
        Repos.PASSWORD,
        2,
        new Keys.Origin("tester", "testhost", Instant.now()),
        Repository.Options.defaults());
  }

  static Repository open(Backend backend) {
    Repository repository = Repository.open(backend, Repos.PASSWORD, Repository.Options.defaults());
    repository.loadIndex();
    return repository;
  }

  void resticChecksAndRestores(Restic restic, Path data) throws IOException {
    Repos.resticChecksAndRestores(restic, data, temp.resolve("restic-restored"));
  }

  @Test
  void s3RepositoryIsOneResticUsesAndReadsBack() throws Exception {
    Path data = temp.resolve("data");
    SampleTree.write(data, 21);
    String url = "s3:" + s3.endpoint() + "/" + BUCKET + "/both-ways";
    try (Repository repository = init(Backends.open(Location.parse(url, "me"), settings()))) {
      Repos.backup(repository, data);
    }
    Restic restic = resticOnS3(url);
    resticChecksAndRestores(restic, data);

    Path more = temp.resolve("more");
    SampleTree.write(more, 22);
    restic.run("backup", more.toString()).orFail();
    try (Repository repository = open(Backends.open(Location.parse(url, "me"), settings()))) {
      Snapshot.Stored resticsSnapshot = repository.findSnapshot("latest");
      assertThat(resticsSnapshot.snapshot().paths()).containsExactly(more.toString());
      Path target = temp.resolve("hostkeep-restored");
      new Restorer(repository, 2)
          .restore(resticsSnapshot.snapshot().treeId(), more.toString(), target);
      assertThat(SampleTree.describe(target)).isEqualTo(SampleTree.describe(more));
    }
  }

  @Test
  void sftpRepositoryIsOneResticUses() throws Exception {
    Path data = temp.resolve("data");
    SampleTree.write(data, 23);
    Path folder = temp.resolve("sftp-repo");
    String url = "sftp://" + sshd.user() + "@127.0.0.1:" + sshd.port() + "/" + folder;
    try (Repository repository = init(Backends.open(Location.parse(url, "me"), settings()))) {
      Repos.backup(repository, data);
    }
    String ssh =
        String.join(
            " ",
            "ssh",
            "-i",
            sshd.clientKey().toString(),
            "-p",
            Integer.toString(sshd.port()),
            "-o",
            "UserKnownHostsFile=" + knownHosts,
            "-o",
            "StrictHostKeyChecking=yes",
            "-o",
            "BatchMode=yes",
            sshd.user() + "@127.0.0.1",
            "-s",
            "sftp");
    Restic restic =
        Restic.remote(
            "sftp:" + sshd.user() + "@127.0.0.1:" + folder,
            Repos.PASSWORD,
            temp.resolve("restic-cache"),
            Map.of());
    restic.run("-o", "sftp.command=" + ssh, "check", "--read-data").orFail();
    Path target = temp.resolve("restic-restored");
    restic
        .run("-o", "sftp.command=" + ssh, "restore", "latest", "--target", target.toString())
        .orFail();
    assertThat(SampleTree.describe(target.resolve(Path.of("/").relativize(data))))
        .isEqualTo(SampleTree.describe(data));
  }

  @Test
  void aBackupWhosePackUploadIsCutHalfWaySucceedsAndChecksClean() throws Exception {
    Path data = temp.resolve("data");
    SampleTree.write(data, 24);
    try (CuttingProxy proxy = CuttingProxy.to(s3.endpoint().getPort())) {
      Location.S3 viaProxy =
          new Location.S3(URI.create("http://127.0.0.1:" + proxy.port()), BUCKET, "cut");
      try (Repository repository = init(Backends.open(viaProxy, settings()))) {
        proxy.cutNextAfter(256 << 10);
        Repos.backup(repository, data);
      }
      assertThat(proxy.cuts()).as("an upload was cut").isEqualTo(1);
    }
    resticChecksAndRestores(resticOnS3("s3:" + s3.endpoint() + "/" + BUCKET + "/cut"), data);
  }
}
