package dev.hostkeep.dns.provider.cloudflare;

import dev.hostkeep.core.apply.ApplySettings;
import dev.hostkeep.core.capability.ProviderType;
import dev.hostkeep.core.config.ConfigObject;
import dev.hostkeep.core.secret.Secret;
import dev.hostkeep.dns.provider.ProviderConfig;
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
      ProviderConfig.badEndpoint(
          section, "a base URL like " + CloudflareSettings.DEFAULT_ENDPOINT, endpoint);
    }
    Secret token = section.secret("api_token");
    Duration timeout =
        ProviderConfig.positive(section, "timeout", CloudflareSettings.DEFAULT_TIMEOUT);
    ApplySettings apply = ApplySettings.read(section, CloudflareSettings.DEFAULT_APPLY);
    if (section.reader().problems().hasErrors() || token == null || !validEndpoint) {
      return null;
    }
    return CloudflareRecordStore.open(
        new CloudflareSettings(endpoint, token, timeout, apply), Clock.systemUTC());
  }
}
