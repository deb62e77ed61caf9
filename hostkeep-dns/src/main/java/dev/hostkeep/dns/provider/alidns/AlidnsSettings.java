package dev.hostkeep.dns.provider.alidns;

import dev.hostkeep.core.apply.ApplySettings;
import dev.hostkeep.core.secret.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * One Alidns account as the config describes it. {@code minTtl} is the smallest TTL the account's
 * edition accepts (600 s on the free edition): smaller TTLs asked for are raised to it rather than
 * refused by Alidns. {@code apply} is how changes are paced: Alidns throttles per account, so the
 * default is two at once, 100 ms apart.
 */
public record AlidnsSettings(
    URI endpoint,
    String accessKeyId,
    Secret accessKeySecret,
    Duration timeout,
    int minTtl,
    ApplySettings apply) {

  public static final String DEFAULT_ENDPOINT = "https://alidns.aliyuncs.com/";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_MIN_TTL = 600;

  /** Two changes at once, 100 ms between calls, four attempts. */
  public static final ApplySettings DEFAULT_APPLY =
      new ApplySettings(2, Duration.ofMillis(100), 4, Duration.ofSeconds(1), Duration.ofMinutes(1));

  public AlidnsSettings {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(accessKeySecret, "accessKeySecret");
    Objects.requireNonNull(apply, "apply");
    if (!"https".equals(endpoint.getScheme()) && !"http".equals(endpoint.getScheme())) {
      throw new IllegalArgumentException("Alidns endpoint must be an http(s) URL: " + endpoint);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("Alidns timeout must be positive");
    }
    if (minTtl < 1) {
      throw new IllegalArgumentException("Alidns min_ttl must be at least 1");
    }
  }

  /** An account at the public endpoint with the default timeout, minimum TTL and pacing. */
  public static AlidnsSettings of(String accessKeyId, Secret accessKeySecret) {
    return new AlidnsSettings(
        URI.create(DEFAULT_ENDPOINT),
        accessKeyId,
        accessKeySecret,
        DEFAULT_TIMEOUT,
        DEFAULT_MIN_TTL,
        DEFAULT_APPLY);
  }

  public AlidnsSettings withEndpoint(URI value) {
    return new AlidnsSettings(value, accessKeyId, accessKeySecret, timeout, minTtl, apply);
  }

  public AlidnsSettings withTimeout(Duration value) {
    return new AlidnsSettings(endpoint, accessKeyId, accessKeySecret, value, minTtl, apply);
  }

  public AlidnsSettings withMinTtl(int value) {
    return new AlidnsSettings(endpoint, accessKeyId, accessKeySecret, timeout, value, apply);
  }

  public AlidnsSettings withApply(ApplySettings value) {
    return new AlidnsSettings(endpoint, accessKeyId, accessKeySecret, timeout, minTtl, value);
  }
}
