package dev.hostkeep.dns.provider.ovh;

import dev.hostkeep.core.apply.ApplySettings;
import dev.hostkeep.core.capability.ProviderType;
import dev.hostkeep.core.config.ConfigObject;
import dev.hostkeep.core.secret.Secret;
import dev.hostkeep.dns.provider.ProviderConfig;
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
      ProviderConfig.badEndpoint(
          section, "a URL like " + DynHostSettings.DEFAULT_ENDPOINT, endpoint);
    }
    String username = section.string("username");
    Secret password = section.secret("password");
    Duration timeout = ProviderConfig.positive(section, "timeout", DynHostSettings.DEFAULT_TIMEOUT);
    ApplySettings apply = ApplySettings.read(section, DynHostSettings.DEFAULT_APPLY);
    if (section.reader().problems().hasErrors()
        || username == null
        || password == null
        || !validEndpoint) {
      return null;
    }
    return DynHostRecordStore.open(
        new DynHostSettings(endpoint, username, password, timeout, apply), Clock.systemUTC());
  }
}
