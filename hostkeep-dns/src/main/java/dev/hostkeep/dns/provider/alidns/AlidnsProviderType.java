package dev.hostkeep.dns.provider.alidns;

import dev.hostkeep.core.apply.ApplySettings;
import dev.hostkeep.core.capability.ProviderType;
import dev.hostkeep.core.config.ConfigObject;
import dev.hostkeep.core.secret.Secret;
import dev.hostkeep.dns.provider.ProviderConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code type: alidns}: an Alibaba Cloud DNS account. Keys: {@code access_key_id}, {@code
 * access_key_secret}, {@code endpoint} (default {@code https://alidns.aliyuncs.com/}), {@code
 * timeout}, {@code min_ttl}, {@code concurrency}, {@code pace}, {@code max_attempts}.
 */
public final class AlidnsProviderType implements ProviderType {
  @Override
  public String type() {
    return "alidns";
  }

  @Override
  public String summary() {
    return "Alibaba Cloud DNS (Alidns) API (records, for ddns)";
  }

  @Override
  public AlidnsRecordStore configure(ConfigObject section) {
    URI endpoint = endpoint(section);
    String accessKeyId = section.string("access_key_id");
    Secret accessKeySecret = section.secret("access_key_secret");
    Duration timeout = ProviderConfig.positive(section, "timeout", AlidnsSettings.DEFAULT_TIMEOUT);
    int minTtl = section.integer("min_ttl", AlidnsSettings.DEFAULT_MIN_TTL, 1, 86400);
    ApplySettings apply = ApplySettings.read(section, AlidnsSettings.DEFAULT_APPLY);
    if (section.reader().problems().hasErrors()
        || endpoint == null
        || accessKeyId == null
        || accessKeySecret == null) {
      return null;
    }
    return AlidnsRecordStore.open(
        new AlidnsSettings(endpoint, accessKeyId, accessKeySecret, timeout, minTtl, apply),
        Clock.systemUTC());
  }

  private static URI endpoint(ConfigObject section) {
    String text = section.string("endpoint", AlidnsSettings.DEFAULT_ENDPOINT).strip();
    try {
      URI uri = new URI(text);
      if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri.getRawPath() == null || uri.getRawPath().isEmpty() ? uri.resolve("/") : uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    ProviderConfig.badEndpoint(
        section, "an http(s) URL like " + AlidnsSettings.DEFAULT_ENDPOINT, text);
    return null;
  }
}
