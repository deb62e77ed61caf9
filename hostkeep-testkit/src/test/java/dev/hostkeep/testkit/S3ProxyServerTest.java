package dev.hostkeep.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3ProxyServerTest {
  @TempDir static Path dir;
  static S3ProxyServer s3;

  @BeforeAll
  static void startS3Proxy() {
    s3 = S3ProxyServer.start(dir);
  }

  @AfterAll
  static void stopS3Proxy() {
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void createsABucketThatListingsAndTheBlobFolderShow() {
    s3.createBucket("backups");

    HttpResponse<String> listing = s3.send("GET", "/", new byte[0]);
    assertThat(listing.statusCode()).as(listing.body()).isEqualTo(200);
    assertThat(listing.body()).contains("<Name>backups</Name>");
    assertThat(s3.blobDirectory().resolve("backups")).isDirectory();
  }

  @Test
  void storesAndReturnsAnObject() {
    s3.createBucket("objects");
    byte[] content = "restic pack".getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> put = s3.send("PUT", "/objects/data/pack-1", content);
    HttpResponse<String> get = s3.send("GET", "/objects/data/pack-1", new byte[0]);

    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(get.body()).isEqualTo("restic pack");
  }

  @Test
  void refusesAnUnsignedRequest() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(s3.endpoint().resolve("/unsigned"))
            .PUT(HttpRequest.BodyPublishers.noBody())
            .build();

    try (HttpClient client = HttpClient.newHttpClient()) {
      int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      assertThat(status).isEqualTo(403);
    }
    assertThat(s3.blobDirectory().resolve("unsigned")).doesNotExist();
  }

  @Test
  void rejectsABucketNameS3WouldRefuse() {
    assertThatThrownBy(() -> s3.createBucket("Not_A_Valid_Bucket"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'Not_A_Valid_Bucket' is not an S3 bucket name");
    assertThat(s3.blobDirectory().resolve("Not_A_Valid_Bucket")).doesNotExist();
  }

  @Test
  void exposesClientSettings() {
    assertThat(s3.region()).isEqualTo("us-east-1");
    assertThat(s3.endpoint().getHost()).isEqualTo("127.0.0.1");
    assertThat(s3.accessKey()).isNotBlank();
    assertThat(s3.secretKey()).isNotBlank().isNotEqualTo(s3.accessKey());
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void closeStopsTheProcessAndFreesThePort() {
    long pid = s3.pid();

    s3.close();

    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(ServerProcess.tcpOpen(s3.endpoint().getPort())).isFalse();
  }
}
