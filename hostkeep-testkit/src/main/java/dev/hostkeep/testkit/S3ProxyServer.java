package dev.hostkeep.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A throwaway S3 endpoint: S3Proxy with the filesystem provider, run as its own Java process (same
 * JDK as the test) on a free 127.0.0.1 port, storing blobs in the temp folder.
 *
 * <p>Requests must be signed (AWS V2 or V4) with {@link #accessKey()} and {@link #secretKey()}, for
 * region {@link #region()}, and use path-style URLs ({@code forcePathStyle(true)} in the AWS SDK).
 * The jar comes from system property {@value #JAR_PROPERTY}, which the parent POM sets for
 * surefire, else from {@code hostkeep-testkit/target/servers/s3proxy.jar} or {@code
 * target/servers/s3proxy.jar} under the working directory. {@link #start} returns once the port
 * answers HTTP.
 */
public final class S3ProxyServer implements AutoCloseable {
  /** The system property naming S3Proxy's jar-with-dependencies. */
  public static final String JAR_PROPERTY = "hostkeep.testkit.s3proxy.jar";

  private static final String REGION = "us-east-1";
  private static final Duration STARTUP = Duration.ofSeconds(60);
  private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  private final ServerProcess process;
  private final URI endpoint;
  private final String accessKey;
  private final String secretKey;
  private final Path blobs;

  private S3ProxyServer(
      ServerProcess process, URI endpoint, String accessKey, String secretKey, Path blobs) {
    this.process = process;
    this.endpoint = endpoint;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.blobs = blobs;
  }

  /** Starts S3Proxy with its configuration, blobs and log in {@code dir}. */
  public static S3ProxyServer start(Path dir) {
    Path jar = jar();
    Path home = dir.toAbsolutePath();
    Path blobs = home.resolve("blobs");
    createDirectory(blobs);
    int port = FreePorts.next();
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    String accessKey = "AK" + randomHex(9).toUpperCase(Locale.ROOT);
    String secretKey = randomHex(20);
    Path conf = home.resolve("s3proxy.conf");
    write(conf, config(endpoint, accessKey, secretKey, blobs));
    ServerProcess process = ServerProcess.start("s3proxy", command(jar, conf), home, Map.of());
    try (HttpClient client = HttpClient.newHttpClient()) {
      process.awaitReady(
          STARTUP, () -> ServerProcess.tcpOpen(port) && answersHttp(client, endpoint));
    }
    return new S3ProxyServer(process, endpoint, accessKey, secretKey, blobs);
  }

  /** The endpoint for path-style requests, {@code http://127.0.0.1:PORT} without a slash. */
  public URI endpoint() {
    return endpoint;
  }

  public String accessKey() {
    return accessKey;
  }

  public String secretKey() {
    return secretKey;
  }

  /** The region to sign for: {@code us-east-1}. */
  public String region() {
    return REGION;
  }

  /** The folder where the filesystem provider keeps buckets (one sub-folder each). */
  public Path blobDirectory() {
    return blobs;
  }

  /**
   * Creates {@code bucket} with a SigV4-signed {@code PUT /bucket}; fails with S3Proxy's answer
   * unless it says 200. Names are checked against S3's rules first, which S3Proxy's filesystem
   * provider does not enforce.
   */
  public void createBucket(String bucket) {
    if (!BUCKET_NAME.matcher(bucket).matches()) {
      throw new IllegalArgumentException(
          "'"
              + bucket
              + "' is not an S3 bucket name: 3 to 63 lower-case letters, digits, dots and"
              + " hyphens, starting and ending with a letter or digit");
    }
    HttpResponse<String> response = send("PUT", "/" + bucket, new byte[0]);
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "creating bucket '"
              + bucket
              + "' answered "
              + response.statusCode()
              + ": "
              + response.body());
    }
  }

  /** Sends a SigV4-signed request for {@code path} (no query string) and returns the answer. */
  HttpResponse<String> send(String method, String path, byte[] body) {
    URI uri = endpoint.resolve(path);
    SigV4Signer signer = new SigV4Signer(accessKey, secretKey, REGION, Clock.systemUTC());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
            .timeout(Duration.ofSeconds(10));
    signer.headers(method, uri, body).forEach(request::header);
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + uri + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + method + " " + uri, e);
    }
  }

  public long pid() {
    return process.pid();
  }

  /** The tail of S3Proxy's log, for failure messages. */
  public String logTail() {
    return process.logTail();
  }

  /** Stops the S3Proxy JVM by PID and waits until it has exited. */
  @Override
  public void close() {
    process.close();
  }

  private static Path jar() {
    String configured = System.getProperty(JAR_PROPERTY);
    List<Path> candidates =
        configured != null && !configured.isBlank()
            ? List.of(Path.of(configured))
            : List.of(
                Path.of("hostkeep-testkit/target/servers/s3proxy.jar"),
                Path.of("target/servers/s3proxy.jar"));
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate)) {
        return candidate.toAbsolutePath();
      }
    }
    return Binaries.requireFile(
        candidates.getFirst(),
        "build hostkeep-testkit (its POM copies S3Proxy's jar there at generate-resources)"
            + " or set -D"
            + JAR_PROPERTY);
  }

  private static List<String> command(Path jar, Path conf) {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // A small, quick-starting JVM: S3Proxy serves a handful of test requests.
    return List.of(
        java,
        "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC",
        "-Xmx256m",
        "-jar",
        jar.toString(),
        "--properties",
        conf.toString());
  }

  private static String config(URI endpoint, String accessKey, String secretKey, Path blobs) {
    return """
        s3proxy.endpoint=%s
        s3proxy.authorization=aws-v2-or-v4
        s3proxy.identity=%s
        s3proxy.credential=%s
        jclouds.provider=filesystem
        jclouds.filesystem.basedir=%s
        """
        .formatted(endpoint, accessKey, secretKey, blobs);
  }

  private static boolean answersHttp(HttpClient client, URI endpoint) {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint.resolve("/")).timeout(Duration.ofSeconds(2)).build();
    try {
      client.send(request, HttpResponse.BodyHandlers.discarding());
      return true;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  private static void createDirectory(Path path) {
    try {
      Files.createDirectories(path);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create " + path, e);
    }
  }

  private static void write(Path path, String text) {
    try {
      Files.writeString(path, text);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + path, e);
    }
  }
}
