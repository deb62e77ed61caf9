package dev.hostkeep.dns.source;

import dev.hostkeep.core.secret.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A PowerDNS Authoritative server's HTTP API: its base {@code url} (e.g. {@code
 * http://127.0.0.1:8081}), the API key, the zone kinds that count as served by this primary
 * (default Master and Native), optionally only the zones of one {@code account}, and how long one
 * request may take.
 */
public record PowerDnsSourceSettings(
    URI url, Secret apiKey, List<String> kinds, Optional<String> account, Duration timeout) {
  public static final List<String> DEFAULT_KINDS = List.of("master", "native");
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  public PowerDnsSourceSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(apiKey, "apiKey");
    kinds = kinds.stream().map(kind -> kind.toLowerCase(Locale.ROOT)).toList();
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(timeout, "timeout");
  }

  public static PowerDnsSourceSettings of(URI url, Secret apiKey) {
    return new PowerDnsSourceSettings(
        url, apiKey, DEFAULT_KINDS, Optional.empty(), DEFAULT_TIMEOUT);
  }

  public PowerDnsSourceSettings withAccount(String account) {
    return new PowerDnsSourceSettings(url, apiKey, kinds, Optional.of(account), timeout);
  }

  public PowerDnsSourceSettings withTimeout(Duration timeout) {
    return new PowerDnsSourceSettings(url, apiKey, kinds, account, timeout);
  }
}
