package dev.hostkeep.dns.provider.rfc2136;

import dev.hostkeep.core.secret.Secret;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Where a primary takes RFC 2136 updates and zone transfers, and the TSIG key that signs them.
 *
 * @param host the primary's address or host name
 * @param port its DNS port (53 by default)
 * @param keyName the TSIG key's name, as the primary knows it
 * @param algorithm one of {@link #ALGORITHMS}
 * @param secret the key's base64 secret
 * @param timeout how long one message or transfer may take
 */
public record Rfc2136Config(
    String host, int port, String keyName, String algorithm, Secret secret, Duration timeout) {
  public static final List<String> ALGORITHMS =
      List.of("hmac-sha256", "hmac-sha512", "hmac-sha384", "hmac-sha224", "hmac-sha1");
  public static final String DEFAULT_ALGORITHM = "hmac-sha256";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public Rfc2136Config {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(keyName, "keyName");
    Objects.requireNonNull(secret, "secret");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
    }
    if (!ALGORITHMS.contains(algorithm)) {
      throw new IllegalArgumentException(
          "TSIG algorithm '" + algorithm + "' is not one of " + String.join(", ", ALGORITHMS));
    }
    if (!isBase64(secret.reveal())) {
      throw new IllegalArgumentException("the TSIG secret of key '" + keyName + "' is not base64");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
  }

  /** {@code host:port}, as messages name the server. */
  public String server() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  static boolean isBase64(String text) {
    try {
      return Base64.getDecoder().decode(text.strip()).length > 0;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
