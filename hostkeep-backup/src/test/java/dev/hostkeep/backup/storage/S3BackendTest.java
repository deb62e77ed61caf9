package dev.hostkeep.backup.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.secret.Redactor;
import dev.hostkeep.core.secret.Secret;
import dev.hostkeep.testkit.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The S3 backend against a real S3 server (S3Proxy), path-style, signed with SigV4. */
class S3BackendTest extends BackendContract {
  static final String BUCKET = "hostkeep-test";
  @TempDir static Path dir;
  static S3ProxyServer s3;

  @BeforeAll
  static void startS3() {
    s3 = S3ProxyServer.start(dir);
    s3.createBucket(BUCKET);
  }

  @AfterAll
  static void stopS3() {
    if (s3 != null) {
      s3.close();
    }
  }

  static S3Backend.Options options() {
    return S3Backend.Options.defaults(true)
        .withRegion(s3.region())
        .withCredentials(s3.accessKey(), Secret.of(s3.secretKey(), new Redactor()), null)
        .withPartSize(S3Backend.Options.MIN_PART);
  }

  @Override
  Backend open(String name) {
    return new S3Backend(new Location.S3(s3.endpoint(), BUCKET, "repos/" + name), options());
  }

  @Test
  void aFileBiggerThanAPartGoesUpInPartsAndReadsBackWhole() {
    Backend repo = backend();
    int size = 2 * S3Backend.Options.MIN_PART + 12_345;
    byte[] data = bytes(size, 42);
    String pack = name(42);

    repo.save(FileType.PACK, pack, data);

    assertThat(repo.load(FileType.PACK, pack)).isEqualTo(data);
    int boundary = S3Backend.Options.MIN_PART;
    assertThat(repo.load(FileType.PACK, pack, boundary - 100, 200))
        .isEqualTo(java.util.Arrays.copyOfRange(data, boundary - 100, boundary + 100));
    assertThat(repo.list(FileType.PACK)).containsExactly(new Backend.Entry(pack, size));
  }

  @Test
  void initCreatesAMissingBucket() {
    try (Backend repo =
        new S3Backend(new Location.S3(s3.endpoint(), "made-by-init", ""), options())) {
      repo.create();
      repo.save(FileType.CONFIG, "config", bytes(10, 1));

      assertThat(repo.initialized()).isTrue();
    }
    assertThat(Files.isDirectory(s3.blobDirectory().resolve("made-by-init"))).isTrue();
  }

  @Test
  void aWrongSecretIsAClearErrorThatDoesNotShowIt() {
    String wrong = "not-the-secret-" + System.nanoTime();
    S3Backend.Options options =
        options().withCredentials(s3.accessKey(), Secret.of(wrong, new Redactor()), null);
    try (Backend repo = new S3Backend(new Location.S3(s3.endpoint(), BUCKET, "denied"), options)) {
      assertThatThrownBy(() -> repo.save(FileType.CONFIG, "config", bytes(10, 1)))
          .isInstanceOf(HostkeepException.class)
          .hasMessageContaining("HTTP 403")
          .hasMessageContaining("check the access key")
          .hasMessageNotContaining(wrong)
          .satisfies(e -> assertThat(((HostkeepException) e).retriable()).isFalse());
    }
  }

  @Test
  void aMissingBucketIsNamedWithTheWayOut() {
    try (Backend repo =
        new S3Backend(new Location.S3(s3.endpoint(), "no-such-bucket", ""), options())) {
      assertThatThrownBy(() -> repo.load(FileType.CONFIG, "config"))
          .isInstanceOf(HostkeepException.class)
          .hasMessageContaining("no-such-bucket")
          .hasMessageContaining("hostkeep repo init");
    }
  }
}
