package dev.hostkeep.dns.provider.powerdns;

import dev.hostkeep.core.secret.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where a PowerDNS Authoritative server's HTTP API answers.
 *
 * @param url the webserver's base URL, e.g. {@code http://dns1.example.net:8081}
 * @param apiKey the {@code X-API-Key}
 * @param serverId the server in {@code /api/v1/servers/{id}}, normally {@code localhost}
 * @param timeout how long one request may take
 */
public record PowerDnsConfig(URI url, Secret apiKey, String serverId, Duration timeout) {
  public static final String DEFAULT_SERVER_ID = "localhost";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public PowerDnsConfig {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(serverId, "serverId");
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw new IllegalArgumentException("url must be http:// or https://, got " + url);
    }
    if (url.getHost() == null) {
      throw new IllegalArgumentException("url has no host: " + url);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
  }

  /** {@code host:port} of the API, as target names show it. */
  public String server() {
    return url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort();
  }

  /** The base of the server's resources: {@code <url>/api/v1/servers/<id>}. */
  URI base() {
    String text = url.toString().replaceAll("/+$", "");
    return URI.create(text + "/api/v1/servers/" + serverId);
  }
}
