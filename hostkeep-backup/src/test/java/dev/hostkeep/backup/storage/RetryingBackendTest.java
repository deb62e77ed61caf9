package dev.hostkeep.backup.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.secret.Redactor;
import dev.hostkeep.core.secret.Secret;
import dev.hostkeep.testkit.CuttingProxy;
import dev.hostkeep.testkit.S3ProxyServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads cut half-way by the network, for real: S3Proxy behind a TCP proxy that drops the
 * connection in the middle of a request body.
 */
class RetryingBackendTest {
  static final String BUCKET = "retries";
  @TempDir static Path dir;
  static S3ProxyServer s3;
  static CuttingProxy proxy;

  @BeforeAll
  static void start() {
    s3 = S3ProxyServer.start(dir);
    s3.createBucket(BUCKET);
    proxy = CuttingProxy.to(s3.endpoint().getPort());
  }

  @AfterAll
  static void stop() {
    if (proxy != null) {
      proxy.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  static Backend s3(String prefix, URI endpoint) {
    return new S3Backend(
        new Location.S3(endpoint, BUCKET, prefix),
        S3Backend.Options.defaults(true)
            .withRegion(s3.region())
            .withCredentials(s3.accessKey(), Secret.of(s3.secretKey(), new Redactor()), null));
  }

  static URI throughProxy() {
    return URI.create("http://127.0.0.1:" + proxy.port());
  }

  static byte[] data(int length) {
    byte[] data = new byte[length];
    new Random(length).nextBytes(data);
    return data;
  }

  @Test
  void anUploadCutHalfWayLeavesNothingAndIsRetriedWhole() {
    byte[] pack = data(3 << 20);
    String name = BackendContract.name(1);
    List<Duration> waits = new ArrayList<>();
    try (Backend direct = s3("cut", s3.endpoint());
        Backend retrying =
            new RetryingBackend(
                s3("cut", throughProxy()),
                new RetryingBackend.Policy(3, Duration.ofMillis(200), Duration.ofSeconds(1)),
                waits::add)) {
      int cutsBefore = proxy.cuts();
      proxy.cutNextAfter(1 << 20);

      retrying.save(FileType.PACK, name, pack);

      assertThat(proxy.cuts()).isEqualTo(cutsBefore + 1);
      assertThat(waits).hasSize(1);
      assertThat(direct.load(FileType.PACK, name)).isEqualTo(pack);
      assertThat(direct.list(FileType.PACK)).containsExactly(new Backend.Entry(name, pack.length));
    }
  }

  @Test
  void withoutRetriesTheCutUploadFailsAndNoObjectAppears() {
    byte[] pack = data(2 << 20);
    String name = BackendContract.name(2);
    try (Backend direct = s3("no-retry", s3.endpoint());
        Backend once = s3("no-retry", throughProxy())) {
      proxy.cutNextAfter(512 << 10);

      assertThatThrownBy(() -> once.save(FileType.PACK, name, pack))
          .isInstanceOf(HostkeepException.class)
          .satisfies(e -> assertThat(((HostkeepException) e).retriable()).isTrue());

      assertThat(direct.exists(FileType.PACK, name)).isFalse();
      assertThat(direct.list(FileType.PACK)).isEmpty();
    }
  }

  @Test
  void aFailureThatIsNotTransientIsNotRetried() {
    List<Duration> waits = new ArrayList<>();
    try (Backend retrying =
        new RetryingBackend(
            s3("missing", s3.endpoint()), RetryingBackend.Policy.defaults(), waits::add)) {
      assertThatThrownBy(() -> retrying.load(FileType.SNAPSHOT, BackendContract.name(3)))
          .isInstanceOf(Backend.NotFoundException.class);
      assertThat(waits).isEmpty();
    }
  }

  @Test
  void givingUpSaysHowOftenItTried() {
    List<Duration> waits = new ArrayList<>();
    try (Backend retrying =
        new RetryingBackend(
            s3("gone", URI.create("http://127.0.0.1:" + dev.hostkeep.testkit.FreePorts.next())),
            new RetryingBackend.Policy(3, Duration.ofMillis(100), Duration.ofMillis(150)),
            waits::add)) {
      assertThatThrownBy(() -> retrying.load(FileType.CONFIG, "config"))
          .isInstanceOf(HostkeepException.class)
          .hasMessageContaining("gave up after 3 attempts");
      assertThat(waits).hasSize(2);
      assertThat(waits.get(1)).isGreaterThan(waits.get(0).minusMillis(30));
    }
  }
}
