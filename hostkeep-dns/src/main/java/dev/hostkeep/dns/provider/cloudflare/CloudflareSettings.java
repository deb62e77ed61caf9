package dev.hostkeep.dns.provider.cloudflare;

import dev.hostkeep.core.apply.ApplySettings;
import dev.hostkeep.core.secret.Secret;
import java.time.Duration;
import java.util.Objects;

/**
 * One Cloudflare account as the config describes it: the API's base URL (Cloudflare's own unless a
 * test points it at a fake), an API token, the request timeout and how calls are paced. Cloudflare
 * allows about 1200 requests per five minutes per user, four a second, hence {@link
 * #DEFAULT_APPLY}.
 */
public record CloudflareSettings(
    String baseUrl, Secret apiToken, Duration timeout, ApplySettings apply) {

  public static final String DEFAULT_ENDPOINT = "https://api.cloudflare.com/client/v4";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** Four changes at once, a call every 250 ms, four attempts. */
  public static final ApplySettings DEFAULT_APPLY =
      new ApplySettings(4, Duration.ofMillis(250), 4, Duration.ofSeconds(2), Duration.ofMinutes(1));

  public CloudflareSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(apiToken, "apiToken");
    Objects.requireNonNull(apply, "apply");
    if (!validEndpoint(baseUrl)) {
      throw new IllegalArgumentException(
          "Cloudflare endpoint must be a base URL such as "
              + DEFAULT_ENDPOINT
              + ", got "
              + baseUrl);
    }
    baseUrl = baseUrl.replaceAll("/+$", "");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("Cloudflare timeout must be positive");
    }
  }

  /** An account at {@link #DEFAULT_ENDPOINT} with the default timeout and pacing. */
  public static CloudflareSettings of(Secret apiToken) {
    return new CloudflareSettings(DEFAULT_ENDPOINT, apiToken, DEFAULT_TIMEOUT, DEFAULT_APPLY);
  }

  public CloudflareSettings withEndpoint(String value) {
    return new CloudflareSettings(value, apiToken, timeout, apply);
  }

  public CloudflareSettings withTimeout(Duration value) {
    return new CloudflareSettings(baseUrl, apiToken, value, apply);
  }

  public CloudflareSettings withApply(ApplySettings value) {
    return new CloudflareSettings(baseUrl, apiToken, timeout, value);
  }

  /** An {@code http(s)://} URL without query or fragment. */
  static boolean validEndpoint(String endpoint) {
    boolean url = endpoint.startsWith("https://") || endpoint.startsWith("http://");
    return url && !endpoint.contains("?") && !endpoint.contains("#") && !endpoint.contains(" ");
  }
}
