package dev.hostkeep.dns.provider.ovh;

import dev.hostkeep.core.apply.ApplySettings;
import dev.hostkeep.core.capability.ProviderType;
import dev.hostkeep.core.config.ConfigObject;
import dev.hostkeep.core.secret.Secret;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code type: ovh}: an OVH API account. Keys: {@code endpoint} (alias or base URL, default {@code
 * ovh-eu}), {@code application_key}, {@code application_secret}, {@code consumer_key}, {@code
 * timeout}, {@code concurrency}, {@code pace}, {@code max_attempts}, {@code ownercheck_timeout}.
 */
public final class OvhProviderType implements ProviderType {
  @Override
  public String type() {
    return "ovh";
  }

  @Override
  public String summary() {
    return "OVHcloud API (secondary DNS of dedicated servers and VPS)";
  }

  @Override
  public Object configure(ConfigObject section) {
    String endpoint = section.string("endpoint", "ovh-eu");
    if (OvhEndpoints.resolve(endpoint).isEmpty()) {
      section
          .value("endpoint", true)
          .ifPresent(
              value ->
                  section
                      .reader()
                      .error(
                          value,
                          "endpoint must be one of "
                              + String.join(", ", OvhEndpoints.ALIASES.keySet())
                              + " or a base URL like https://eu.api.ovh.com/1.0, got '"
                              + endpoint
                              + "'"));
    }
    String applicationKey = section.string("application_key");
    Secret applicationSecret = section.secret("application_secret");
    Secret consumerKey = section.secret("consumer_key");
    Duration timeout = positive(section, "timeout", OvhSettings.DEFAULT_TIMEOUT);
    ApplySettings defaults = OvhSettings.DEFAULT_APPLY;
    int concurrency = section.integer("concurrency", defaults.concurrency(), 1, 64);
    Duration pace = section.duration("pace", defaults.pace());
    int maxAttempts = section.integer("max_attempts", defaults.maxAttempts(), 1, 100);
    Duration ownercheckTimeout =
        positive(section, "ownercheck_timeout", OvhSettings.DEFAULT_OWNERCHECK_TIMEOUT);
    if (section.reader().problems().hasErrors()
        || applicationKey == null
        || applicationSecret == null
        || consumerKey == null
        || OvhEndpoints.resolve(endpoint).isEmpty()) {
      return null;
    }
    ApplySettings apply =
        defaults.withConcurrency(concurrency).withPace(pace).withMaxAttempts(maxAttempts);
    return OvhAccount.open(
        new OvhSettings(
            endpoint,
            applicationKey,
            applicationSecret,
            consumerKey,
            timeout,
            apply,
            ownercheckTimeout),
        Clock.systemUTC());
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
