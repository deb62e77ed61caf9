package dev.hostkeep.backup.storage;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.secret.Secret;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A repository in an S3 bucket (AWS or any S3-compatible server), under a key prefix, with restic's
 * layout ({@code prefix/config}, {@code prefix/data/ab/abcd...}, ...). A file is stored with one
 * {@code PutObject}, or as a multipart upload when it is bigger than {@link Options#partSize}; S3
 * makes an object visible only once all of it has arrived, and a multipart upload that failed is
 * aborted, so no half-written object ever appears under a repository name. Each request carries the
 * body's MD5, which S3 checks before it accepts the object.
 *
 * <p>The SDK's own retries are off: {@link RetryingBackend} retries every backend the same way, and
 * this class only says which failures are transient (connection errors, 5xx, 429, {@code
 * SlowDown}).
 */
public final class S3Backend implements Backend, ObjectStore {
  private static final Set<String> TRANSIENT_CODES =
      Set.of("SlowDown", "RequestTimeout", "InternalError", "ServiceUnavailable", "Throttling");

  /**
   * How to reach the bucket.
   *
   * @param region the region to sign for ({@code us-east-1} unless the server says otherwise)
   * @param pathStyle {@code http://host/bucket/key} rather than {@code http://bucket.host/key};
   *     most S3-compatible servers need it
   * @param accessKey the access key id, or {@code null} for the SDK's usual lookup (environment
   *     {@code AWS_ACCESS_KEY_ID}, {@code ~/.aws/credentials}, instance roles)
   * @param secretKey the secret key with {@code accessKey}
   * @param sessionToken a session token with {@code accessKey}, or {@code null}
   * @param partSize files bigger than this go up as multipart uploads of parts this big (at least 5
   *     MiB, S3's minimum)
   * @param connections HTTP connections kept open (uploads and reads run in parallel)
   */
  public record Options(
      String region,
      boolean pathStyle,
      String accessKey,
      Secret secretKey,
      Secret sessionToken,
      int partSize,
      int connections) {
    public static final int MIN_PART = 5 << 20;

    public Options {
      if (partSize < MIN_PART) {
        throw new IllegalArgumentException("partSize must be at least 5 MiB, got " + partSize);
      }
    }

    /** Region us-east-1, credentials from the environment, 16 MiB parts, 8 connections. */
    public static Options defaults(boolean pathStyle) {
      return new Options("us-east-1", pathStyle, null, null, null, 16 << 20, 8);
    }

    public Options withCredentials(String accessKey, Secret secretKey, Secret sessionToken) {
      return new Options(
          region, pathStyle, accessKey, secretKey, sessionToken, partSize, connections);
    }

    public Options withRegion(String region) {
      return new Options(
          region, pathStyle, accessKey, secretKey, sessionToken, partSize, connections);
    }

    public Options withPartSize(int partSize) {
      return new Options(
          region, pathStyle, accessKey, secretKey, sessionToken, partSize, connections);
    }
  }

  private final Location.S3 location;
  private final Options options;
  private final S3Client client;

  public S3Backend(Location.S3 location, Options options) {
    this.location = location;
    this.options = options;
    this.client =
        S3Client.builder()
            .endpointOverride(location.endpoint())
            .region(Region.of(options.region()))
            .forcePathStyle(options.pathStyle())
            .crossRegionAccessEnabled(location.amazon())
            .credentialsProvider(credentials(options))
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .httpClientBuilder(
                Apache5HttpClient.builder()
                    .maxConnections(options.connections())
                    .connectionTimeout(Duration.ofSeconds(15))
                    .socketTimeout(Duration.ofSeconds(60)))
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();
  }

  private static AwsCredentialsProvider credentials(Options options) {
    if (options.accessKey() == null) {
      return DefaultCredentialsProvider.builder().build();
    }
    String secret = options.secretKey() == null ? "" : options.secretKey().reveal();
    return StaticCredentialsProvider.create(
        options.sessionToken() == null
            ? AwsBasicCredentials.create(options.accessKey(), secret)
            : AwsSessionCredentials.create(
                options.accessKey(), secret, options.sessionToken().reveal()));
  }

  @Override
  public String location() {
    return location.display();
  }

  /** Creates the bucket when it does not exist yet, as {@code restic init} does. */
  @Override
  public void create() {
    try {
      client.headBucket(b -> b.bucket(location.bucket()));
    } catch (NoSuchBucketException e) {
      request(
          "create bucket " + location.bucket(),
          () -> client.createBucket(b -> b.bucket(location.bucket())));
    } catch (S3Exception e) {
      if (e.statusCode() != 404) {
        throw failure("check bucket " + location.bucket(), e);
      }
      request(
          "create bucket " + location.bucket(),
          () -> client.createBucket(b -> b.bucket(location.bucket())));
    } catch (SdkException e) {
      throw failure("check bucket " + location.bucket(), e);
    }
  }

  @Override
  public void save(FileType type, String name, byte[] data, int length) {
    put(key(type, name), length, bytes(data));
  }

  /** Uploads the file from disk, part by part, never holding more than a read buffer of it. */
  @Override
  public void save(FileType type, String name, Path file) {
    long length = Backend.sizeOf(file);
    put(key(type, name), length, (from, count) -> range(file, from, count));
  }

  /** The bytes being stored, {@code count} of them from {@code from}, as a new stream each time. */
  @FunctionalInterface
  private interface Source {
    InputStream open(long from, long count) throws IOException;
  }

  /** One PUT up to the part size, a multipart upload above it (aborted if a part fails). */
  private void put(String key, long length, Source content) {
    if (length <= options.partSize()) {
      request(
          "store " + key,
          () ->
              client.putObject(
                  b -> b.bucket(location.bucket()).key(key).contentMD5(md5(content, 0, length)),
                  body(content, 0, length)));
      return;
    }
    String upload =
        request(
                "start a multipart upload of " + key,
                () -> client.createMultipartUpload(b -> b.bucket(location.bucket()).key(key)))
            .uploadId();
    try {
      List<CompletedPart> parts = new ArrayList<>();
      for (long offset = 0; offset < length; offset += options.partSize()) {
        long from = offset;
        long partLength = Math.min(options.partSize(), length - offset);
        int part = parts.size() + 1;
        String etag =
            request(
                    "store part " + part + " of " + key,
                    () ->
                        client.uploadPart(
                            b ->
                                b.bucket(location.bucket())
                                    .key(key)
                                    .uploadId(upload)
                                    .partNumber(part)
                                    .contentMD5(md5(content, from, partLength)),
                            body(content, from, partLength)))
                .eTag();
        parts.add(CompletedPart.builder().partNumber(part).eTag(etag).build());
      }
      request(
          "complete the multipart upload of " + key,
          () ->
              client.completeMultipartUpload(
                  b ->
                      b.bucket(location.bucket())
                          .key(key)
                          .uploadId(upload)
                          .multipartUpload(m -> m.parts(parts))));
    } catch (RuntimeException e) {
      try {
        client.abortMultipartUpload(b -> b.bucket(location.bucket()).key(key).uploadId(upload));
      } catch (SdkException abortFailed) {
        e.addSuppressed(abortFailed);
      }
      throw e;
    }
  }

  /** {@code count} bytes of {@code file} from {@code from}. */
  private static InputStream range(Path file, long from, long count) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    channel.position(from);
    InputStream in = Channels.newInputStream(channel);
    return new FilterInputStream(in) {
      private long left = count;

      @Override
      public int read() throws IOException {
        if (left == 0) {
          return -1;
        }
        int b = super.read();
        if (b >= 0) {
          left--;
        }
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (left == 0) {
          return -1;
        }
        int n = super.read(b, off, (int) Math.min(len, left));
        if (n > 0) {
          left -= n;
        }
        return n;
      }
    };
  }

  @Override
  public byte[] load(FileType type, String name) {
    String key = key(type, name);
    ResponseBytes<GetObjectResponse> bytes =
        request(
            "read " + key,
            () -> client.getObjectAsBytes(b -> b.bucket(location.bucket()).key(key)));
    return bytes.asByteArrayUnsafe();
  }

  @Override
  public byte[] load(FileType type, String name, long offset, int length) {
    String key = key(type, name);
    if (length == 0) {
      return new byte[0];
    }
    String range = "bytes=" + offset + "-" + (offset + length - 1);
    byte[] bytes =
        request(
                "read " + key,
                () ->
                    client.getObjectAsBytes(b -> b.bucket(location.bucket()).key(key).range(range)))
            .asByteArrayUnsafe();
    if (bytes.length != length) {
      throw new HostkeepException(
          location()
              + ": "
              + key
              + " ends before byte "
              + (offset + length)
              + " (got "
              + bytes.length
              + " of "
              + length
              + " bytes from "
              + offset
              + ")");
    }
    return bytes;
  }

  @Override
  public boolean exists(FileType type, String name) {
    String key = key(type, name);
    try {
      client.headObject(b -> b.bucket(location.bucket()).key(key));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw failure("look for " + key, e);
    } catch (SdkException e) {
      throw failure("look for " + key, e);
    }
  }

  @Override
  public List<Entry> list(FileType type) {
    String folder = type == FileType.CONFIG ? key(type, "config") : prefix() + type.folder() + "/";
    List<Entry> entries = new ArrayList<>();
    request(
        "list " + folder,
        () -> {
          for (S3Object object :
              client
                  .listObjectsV2Paginator(b -> b.bucket(location.bucket()).prefix(folder))
                  .contents()) {
            String key = object.key();
            if (type == FileType.CONFIG) {
              if (key.equals(folder)) {
                entries.add(new Entry("config", object.size()));
              }
              continue;
            }
            String name = key.substring(key.lastIndexOf('/') + 1);
            if (!name.isEmpty() && !name.startsWith(".")) {
              entries.add(new Entry(name, object.size()));
            }
          }
          return null;
        });
    return entries;
  }

  @Override
  public void remove(FileType type, String name) {
    String key = key(type, name);
    request("delete " + key, () -> client.deleteObject(b -> b.bucket(location.bucket()).key(key)));
  }

  /**
   * Streams an object up: it stays in memory while it is smaller than {@link Options#partSize} and
   * goes up with one {@code PutObject}; a bigger one becomes a multipart upload, one part at a time
   * (each part retried on its own), completed on success and aborted on failure.
   */
  @Override
  public long put(String key, Content content) throws IOException {
    String full = prefix() + ObjectStore.checkKey(key);
    try (MultipartStream out = new MultipartStream(full)) {
      try {
        content.writeTo(out);
        out.finish();
      } catch (IOException | RuntimeException e) {
        out.abort(e);
        throw e;
      }
      return out.total;
    }
  }

  /** Buffers one part at a time of an object being written. */
  private final class MultipartStream extends java.io.OutputStream {
    private final String key;
    private final byte[] buffer = new byte[options.partSize()];
    private final List<CompletedPart> parts = new ArrayList<>();
    private int filled;
    private long total;
    private String upload;

    MultipartStream(String key) {
      this.key = key;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] data, int offset, int length) {
      while (length > 0) {
        if (filled == buffer.length) {
          uploadPart();
        }
        int n = Math.min(length, buffer.length - filled);
        System.arraycopy(data, offset, buffer, filled, n);
        filled += n;
        total += n;
        offset += n;
        length -= n;
      }
    }

    private void uploadPart() {
      if (upload == null) {
        upload =
            request(
                    "start a multipart upload of " + key,
                    () ->
                        client.createMultipartUpload(
                            b -> b.bucket(location.bucket()).key(key).acl(ObjectCannedACL.PRIVATE)))
                .uploadId();
      }
      int part = parts.size() + 1;
      int length = filled;
      String md5 = md5(buffer, 0, length);
      String etag =
          retried(
              () ->
                  request(
                          "store part " + part + " of " + key,
                          () ->
                              client.uploadPart(
                                  b ->
                                      b.bucket(location.bucket())
                                          .key(key)
                                          .uploadId(upload)
                                          .partNumber(part)
                                          .contentMD5(md5),
                                  body(buffer, 0, length)))
                      .eTag());
      parts.add(CompletedPart.builder().partNumber(part).eTag(etag).build());
      filled = 0;
    }

    void finish() {
      if (upload == null) {
        String md5 = md5(buffer, 0, filled);
        retried(
            () ->
                request(
                    "store " + key,
                    () ->
                        client.putObject(
                            b ->
                                b.bucket(location.bucket())
                                    .key(key)
                                    .acl(ObjectCannedACL.PRIVATE)
                                    .contentMD5(md5),
                            body(buffer, 0, filled))));
        return;
      }
      if (filled > 0) {
        uploadPart();
      }
      request(
          "complete the multipart upload of " + key,
          () ->
              client.completeMultipartUpload(
                  b ->
                      b.bucket(location.bucket())
                          .key(key)
                          .uploadId(upload)
                          .multipartUpload(m -> m.parts(parts))));
      upload = null;
    }

    void abort(Exception cause) {
      if (upload != null) {
        try {
          client.abortMultipartUpload(b -> b.bucket(location.bucket()).key(key).uploadId(upload));
        } catch (SdkException e) {
          cause.addSuppressed(e);
        }
        upload = null;
      }
    }
  }

  /** A few attempts at one request whose body is in memory, for transient failures only. */
  private static <T> T retried(java.util.function.Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (HostkeepException e) {
        if (!e.retriable() || attempt == 4) {
          throw e;
        }
        try {
          Thread.sleep(500L << attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  @Override
  public java.io.InputStream open(String key) {
    String full = prefix() + ObjectStore.checkKey(key);
    return request(
        "read " + full, () -> client.getObject(b -> b.bucket(location.bucket()).key(full)));
  }

  @Override
  public List<Entry> list(String prefix) {
    String full = prefix() + prefix;
    List<Entry> entries = new ArrayList<>();
    request(
        "list " + full,
        () -> {
          for (S3Object object :
              client
                  .listObjectsV2Paginator(b -> b.bucket(location.bucket()).prefix(full))
                  .contents()) {
            String key = object.key().substring(prefix().length());
            if (!("/" + key).contains("/.")) {
              entries.add(new Entry(key, object.size()));
            }
          }
          return null;
        });
    return entries;
  }

  @Override
  public void delete(String key) {
    String full = prefix() + ObjectStore.checkKey(key);
    request(
        "delete " + full, () -> client.deleteObject(b -> b.bucket(location.bucket()).key(full)));
  }

  @Override
  public void close() {
    client.close();
  }

  private String prefix() {
    return location.prefix().isEmpty() ? "" : location.prefix() + "/";
  }

  private String key(FileType type, String name) {
    return prefix() + type.path(name);
  }

  private static RequestBody body(byte[] data, int offset, int length) {
    return body(bytes(data), offset, length);
  }

  private static String md5(byte[] data, int offset, int length) {
    return md5(bytes(data), offset, length);
  }

  private static Source bytes(byte[] data) {
    return (from, count) -> new ByteArrayInputStream(data, (int) from, (int) count);
  }

  /**
   * A body the SDK may read more than once (a retry, a checksum): each new stream closes the one
   * before, as the SDK expects of a provider (it closes only the last), so that no file stays open.
   */
  private static RequestBody body(Source content, long from, long count) {
    ContentStreamProvider provider =
        new ContentStreamProvider() {
          private InputStream previous;

          @Override
          public InputStream newStream() {
            try {
              if (previous != null) {
                previous.close();
              }
              previous = content.open(from, count);
              return previous;
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        };
    return RequestBody.fromContentProvider(provider, count, "application/octet-stream");
  }

  private static String md5(Source content, long from, long count) {
    try (InputStream in = content.open(from, count)) {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      byte[] buffer = new byte[64 * 1024];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        md5.update(buffer, 0, n);
      }
      return Base64.getEncoder().encodeToString(md5.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has MD5", e);
    } catch (IOException e) {
      throw new HostkeepException("cannot read what is to be stored: " + e.getMessage(), e);
    }
  }

  private <T> T request(String what, java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (NoSuchKeyException e) {
      throw new NotFoundException(location() + ": " + what.substring(what.indexOf(' ') + 1));
    } catch (SdkException e) {
      throw failure(what, e);
    }
  }

  private HostkeepException failure(String what, SdkException e) {
    String message = "could not " + what + " in " + location() + ": ";
    if (e instanceof S3Exception s3) {
      String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
      String detail = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorMessage();
      message +=
          "HTTP "
              + s3.statusCode()
              + (code == null ? "" : " " + code)
              + (detail == null ? "" : ": " + detail);
      if (s3.statusCode() == 403) {
        message += " (check the access key and secret, and that they may use this bucket)";
      }
      if (e instanceof NoSuchBucketException) {
        message += " (run `hostkeep repo init` to create it)";
      }
      boolean transientFailure =
          s3.statusCode() >= 500 || s3.statusCode() == 429 || TRANSIENT_CODES.contains(code);
      return transientFailure
          ? HostkeepException.retriable(message, e)
          : new HostkeepException(message, e);
    }
    if (e instanceof SdkClientException) {
      String detail = e.getMessage();
      if (detail != null && detail.contains("Unable to load credentials")) {
        return HostkeepException.usage(
            message
                + "no S3 credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or name"
                + " them in the repository's config entry");
      }
      return HostkeepException.retriable(message + detail, e);
    }
    return HostkeepException.retriable(message + e.getMessage(), e);
  }
}
