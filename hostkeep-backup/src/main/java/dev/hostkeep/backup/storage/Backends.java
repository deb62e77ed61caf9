package dev.hostkeep.backup.storage;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.host.SshOptions;
import java.util.Locale;
import java.util.Map;

/** Opens the backend a {@link Location} names, wrapped so that transient errors are retried. */
public final class Backends {
  private Backends() {}

  /** How S3 buckets are addressed: restic's {@code s3.bucket-lookup} option. */
  public enum BucketLookup {
    /** By DNS name on Amazon's endpoints, by path everywhere else (MinIO, Ceph, S3Proxy, ...). */
    AUTO,
    /** {@code https://bucket.host/key}. */
    DNS,
    /** {@code https://host/bucket/key}. */
    PATH;

    public static BucketLookup parse(String value) {
      try {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw HostkeepException.usage(
            "s3.bucket-lookup: '" + value + "' is not one of auto, dns, path");
      }
    }
  }

  /**
   * What the backends need beyond the location.
   *
   * @param s3 the S3 options; {@link S3Backend.Options#pathStyle} is decided by {@code lookup}
   * @param lookup how to address S3 buckets
   * @param ssh how to reach SFTP servers
   * @param retry how hard to retry transient errors
   */
  public record Settings(
      S3Backend.Options s3, BucketLookup lookup, SshOptions ssh, RetryingBackend.Policy retry) {

    /**
     * The user's defaults: S3 credentials from the usual AWS places, the region from {@code
     * AWS_DEFAULT_REGION} or {@code AWS_REGION} (else us-east-1), SSH as for every host.
     */
    public static Settings defaults(Map<String, String> env, SshOptions ssh) {
      S3Backend.Options s3 = S3Backend.Options.defaults(true);
      String region = env.getOrDefault("AWS_DEFAULT_REGION", env.get("AWS_REGION"));
      if (region != null && !region.isBlank()) {
        s3 = s3.withRegion(region.trim());
      }
      return new Settings(s3, BucketLookup.AUTO, ssh, RetryingBackend.Policy.defaults());
    }

    public Settings withS3(S3Backend.Options options) {
      return new Settings(options, lookup, ssh, retry);
    }

    public Settings withLookup(BucketLookup value) {
      return new Settings(s3, value, ssh, retry);
    }

    public Settings withRetry(RetryingBackend.Policy policy) {
      return new Settings(s3, lookup, ssh, policy);
    }

    S3Backend.Options s3For(Location.S3 location) {
      boolean pathStyle =
          switch (lookup) {
            case PATH -> true;
            case DNS -> false;
            case AUTO -> !location.amazon();
          };
      return new S3Backend.Options(
          s3.region(),
          pathStyle,
          s3.accessKey(),
          s3.secretKey(),
          s3.sessionToken(),
          s3.partSize(),
          s3.connections());
    }
  }

  /** The backend for {@code location}; nothing is contacted until the first call. */
  public static Backend open(Location location, Settings settings) {
    Backend backend =
        switch (location) {
          case Location.Local local -> new LocalBackend(local.path());
          case Location.S3 s3 -> new S3Backend(s3, settings.s3For(s3));
          case Location.Sftp sftp -> new SftpBackend(sftp, settings.ssh());
        };
    return new RetryingBackend(backend, settings.retry());
  }

  /**
   * The object store for {@code location}, for sealed archives; nothing is contacted until the
   * first call.
   */
  public static ObjectStore openStore(Location location, Settings settings) {
    return switch (location) {
      case Location.Local local -> new LocalBackend(local.path());
      case Location.S3 s3 -> new S3Backend(s3, settings.s3For(s3));
      case Location.Sftp sftp -> new SftpBackend(sftp, settings.ssh());
    };
  }
}
