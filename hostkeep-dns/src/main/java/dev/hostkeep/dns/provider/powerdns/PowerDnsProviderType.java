package dev.hostkeep.dns.provider.powerdns;

import dev.hostkeep.core.capability.ProviderType;
import dev.hostkeep.core.config.ConfigObject;
import dev.hostkeep.core.secret.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * The {@code powerdns} provider: a PowerDNS Authoritative server's HTTP API.
 *
 * <pre>{@code
 * central:
 *   type: powerdns
 *   url: http://dns1.example.net:8081
 *   api_key: ${env:PDNS_KEY}
 *   server_id: localhost     # default
 *   timeout: 10s             # default
 * }</pre>
 *
 * It configures a {@link PowerDnsApi}; {@link PowerDnsApi#secondary} makes it a secondary target.
 */
public final class PowerDnsProviderType implements ProviderType {
  @Override
  public String type() {
    return "powerdns";
  }

  @Override
  public String summary() {
    return "a PowerDNS Authoritative server, through its HTTP API";
  }

  @Override
  public PowerDnsApi configure(ConfigObject section) {
    int errorsBefore = section.reader().problems().errors().size();
    URI url = url(section);
    Secret apiKey = section.secret("api_key");
    String serverId = section.string("server_id", PowerDnsConfig.DEFAULT_SERVER_ID);
    if (!serverId.matches("[A-Za-z0-9._-]+")) {
      section
          .reader()
          .problems()
          .error(
              section.position(),
              "server_id must be a plain name like localhost, got '" + serverId + "'");
    }
    Duration timeout = section.duration("timeout", PowerDnsConfig.DEFAULT_TIMEOUT);
    if (timeout.isZero() || timeout.isNegative()) {
      section.reader().problems().error(section.position(), "timeout must be positive");
    }
    if (section.reader().problems().errors().size() > errorsBefore
        || url == null
        || apiKey == null) {
      return null;
    }
    return new PowerDnsApi(new PowerDnsConfig(url, apiKey, serverId, timeout));
  }

  private static URI url(ConfigObject section) {
    String text = section.string("url");
    if (text == null) {
      return null;
    }
    try {
      URI url = new URI(text.strip());
      if (("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
          && url.getHost() != null) {
        return url;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    section
        .reader()
        .problems()
        .error(
            section.position(),
            "url in "
                + section.describe()
                + " must be the API's base URL like http://dns1.example.net:8081, got '"
                + text
                + "'");
    return null;
  }
}
