package dev.hostkeep.dns.provider.cloudflare;

import dev.hostkeep.core.apply.ApplySettings;
import dev.hostkeep.core.capability.ProviderType;
import dev.hostkeep.core.config.ConfigObject;
import dev.hostkeep.core.secret.Secret;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code type: cloudflare}: a Cloudflare account's DNS records. Keys: {@code api_token}, {@code
 * endpoint} (base URL, default {@value CloudflareSettings#DEFAULT_ENDPOINT}), {@code timeout},
 * {@code concurrency}, {@code pace}, {@code max_attempts}.
 */
public final class CloudflareProviderType implements ProviderType {
  @Override
  public String type() {
    return "cloudflare";
  }

  @Override
  public String summary() {
    return "Cloudflare API v4 (DNS records, with an API token)";
  }

  @Override
  public Object configure(ConfigObject section) {
    String endpoint = section.string("endpoint", CloudflareSettings.DEFAULT_ENDPOINT);
    boolean validEndpoint = CloudflareSettings.validEndpoint(endpoint);
    if (!validEndpoint) {
      section
          .value("endpoint", true)
          .ifPresent(
              value ->
                  section
                      .reader()
                      .error(
                          value,
                          "endpoint must be a base URL like "
                              + CloudflareSettings.DEFAULT_ENDPOINT
                              + ", got '"
                              + endpoint
                              + "'"));
    }
    Secret token = section.secret("api_token");
    Duration timeout = positive(section, "timeout", CloudflareSettings.DEFAULT_TIMEOUT);
    ApplySettings defaults = CloudflareSettings.DEFAULT_APPLY;
    int concurrency = section.integer("concurrency", defaults.concurrency(), 1, 64);
    Duration pace = section.duration("pace", defaults.pace());
    int maxAttempts = section.integer("max_attempts", defaults.maxAttempts(), 1, 100);
    if (section.reader().problems().hasErrors() || token == null || !validEndpoint) {
      return null;
    }
    ApplySettings apply =
        defaults.withConcurrency(concurrency).withPace(pace).withMaxAttempts(maxAttempts);
    return CloudflareRecordStore.open(
        new CloudflareSettings(endpoint, token, timeout, apply), Clock.systemUTC());
  }

  private static Duration positive(ConfigObject section, String key, Duration defaultValue) {
    Duration value = section.duration(key, defaultValue);
    if (value.isZero() || value.isNegative()) {
      section
          .value(key, true)
          .ifPresent(v -> section.reader().error(v, key + " must be longer than 0s"));
      return defaultValue;
    }
    return value;
  }
}
