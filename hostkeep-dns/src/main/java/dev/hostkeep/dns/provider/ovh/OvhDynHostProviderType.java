package dev.hostkeep.dns.provider.ovh;

import dev.hostkeep.core.apply.ApplySettings;
import dev.hostkeep.core.capability.ProviderType;
import dev.hostkeep.core.config.ConfigObject;
import dev.hostkeep.core.secret.Secret;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code type: ovh-dynhost}: an OVH DynHost login, which updates A and AAAA records by dyndns2.
 * Keys: {@code username}, {@code password}, {@code endpoint} (default {@value
 * DynHostSettings#DEFAULT_ENDPOINT}), {@code timeout}, {@code concurrency}, {@code pace}, {@code
 * max_attempts}.
 */
public final class OvhDynHostProviderType implements ProviderType {
  @Override
  public String type() {
    return "ovh-dynhost";
  }

  @Override
  public String summary() {
    return "OVHcloud DynHost login (dynamic DNS by dyndns2, A and AAAA only)";
  }

  @Override
  public Object configure(ConfigObject section) {
    String endpoint = section.string("endpoint", DynHostSettings.DEFAULT_ENDPOINT);
    boolean validEndpoint = DynHostSettings.validEndpoint(endpoint);
    if (!validEndpoint) {
      section
          .value("endpoint", true)
          .ifPresent(
              value ->
                  section
                      .reader()
                      .error(
                          value,
                          "endpoint must be a URL like "
                              + DynHostSettings.DEFAULT_ENDPOINT
                              + ", got '"
                              + endpoint
                              + "'"));
    }
    String username = section.string("username");
    Secret password = section.secret("password");
    Duration timeout = section.duration("timeout", DynHostSettings.DEFAULT_TIMEOUT);
    if (timeout.isZero() || timeout.isNegative()) {
      section
          .value("timeout", true)
          .ifPresent(v -> section.reader().error(v, "timeout must be longer than 0s"));
    }
    ApplySettings defaults = DynHostSettings.DEFAULT_APPLY;
    int concurrency = section.integer("concurrency", defaults.concurrency(), 1, 64);
    Duration pace = section.duration("pace", defaults.pace());
    int maxAttempts = section.integer("max_attempts", defaults.maxAttempts(), 1, 100);
    if (section.reader().problems().hasErrors()
        || username == null
        || password == null
        || !validEndpoint
        || timeout.isZero()
        || timeout.isNegative()) {
      return null;
    }
    ApplySettings apply =
        defaults.withConcurrency(concurrency).withPace(pace).withMaxAttempts(maxAttempts);
    return DynHostRecordStore.open(
        new DynHostSettings(endpoint, username, password, timeout, apply), Clock.systemUTC());
  }
}
