package dev.hostkeep.dns.provider.ovh;

import dev.hostkeep.core.apply.ApplySettings;
import dev.hostkeep.core.capability.ProviderType;
import dev.hostkeep.core.config.ConfigObject;
import dev.hostkeep.core.secret.Secret;
import dev.hostkeep.dns.provider.ProviderConfig;
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
      ProviderConfig.badEndpoint(
          section,
          "one of "
              + String.join(", ", OvhEndpoints.ALIASES.keySet())
              + " or a base URL like https://eu.api.ovh.com/1.0",
          endpoint);
    }
    String applicationKey = section.string("application_key");
    Secret applicationSecret = section.secret("application_secret");
    Secret consumerKey = section.secret("consumer_key");
    Duration timeout = ProviderConfig.positive(section, "timeout", OvhSettings.DEFAULT_TIMEOUT);
    ApplySettings apply = ApplySettings.read(section, OvhSettings.DEFAULT_APPLY);
    Duration ownercheckTimeout =
        ProviderConfig.positive(
            section, "ownercheck_timeout", OvhSettings.DEFAULT_OWNERCHECK_TIMEOUT);
    if (section.reader().problems().hasErrors()
        || applicationKey == null
        || applicationSecret == null
        || consumerKey == null
        || OvhEndpoints.resolve(endpoint).isEmpty()) {
      return null;
    }
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
}
