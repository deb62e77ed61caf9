package dev.hostkeep.dns.provider.rfc2136;

import dev.hostkeep.core.capability.ProviderType;
import dev.hostkeep.core.config.ConfigObject;
import dev.hostkeep.core.secret.Secret;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code rfc2136} provider: a primary that takes TSIG-signed dynamic updates and transfers.
 *
 * <pre>{@code
 * primary:
 *   type: rfc2136
 *   server: 192.0.2.53:53          # host[:port], port 53 by default
 *   key_name: hostkeep-key
 *   key_algorithm: hmac-sha256     # hmac-sha256 (default), hmac-sha512, hmac-sha384, hmac-sha224, hmac-sha1
 *   key_secret: ${file:/etc/hostkeep/tsig.secret}
 *   timeout: 10s
 * }</pre>
 *
 * It configures an {@link Rfc2136Client}, which is also an {@link
 * dev.hostkeep.dns.secondary.OwnercheckPublisher}.
 */
public final class Rfc2136ProviderType implements ProviderType {
  @Override
  public String type() {
    return "rfc2136";
  }

  @Override
  public String summary() {
    return "a DNS primary updated by RFC 2136 dynamic updates and read by AXFR, signed with TSIG";
  }

  @Override
  public Rfc2136Client configure(ConfigObject section) {
    int errorsBefore = section.reader().problems().errors().size();
    Optional<ServerAddress> server = server(section);
    String keyName = section.string("key_name");
    String algorithm = algorithm(section);
    Secret secret = section.secret("key_secret");
    if (secret != null && !Rfc2136Config.isBase64(secret.reveal())) {
      section
          .reader()
          .problems()
          .error(
              section.position(),
              "key_secret in " + section.describe() + " is not a base64 TSIG secret");
    }
    Duration timeout = section.duration("timeout", Rfc2136Config.DEFAULT_TIMEOUT);
    if (timeout.isZero() || timeout.isNegative()) {
      section.reader().problems().error(section.position(), "timeout must be positive");
    }
    if (section.reader().problems().errors().size() > errorsBefore
        || server.isEmpty()
        || keyName == null
        || secret == null) {
      return null;
    }
    return new Rfc2136Client(
        new Rfc2136Config(
            server.get().host(), server.get().port(), keyName, algorithm, secret, timeout));
  }

  private static Optional<ServerAddress> server(ConfigObject section) {
    String text = section.string("server");
    if (text == null) {
      return Optional.empty();
    }
    Optional<ServerAddress> parsed = ServerAddress.parse(text);
    if (parsed.isEmpty()) {
      section
          .reader()
          .problems()
          .error(
              section.position(),
              "server in "
                  + section.describe()
                  + " must be host or host:port (e.g. 192.0.2.53:53), got '"
                  + text
                  + "'");
    }
    return parsed;
  }

  private static String algorithm(ConfigObject section) {
    String algorithm = section.string("key_algorithm", Rfc2136Config.DEFAULT_ALGORITHM);
    String normal = algorithm.toLowerCase(java.util.Locale.ROOT).replaceAll("\\.$", "");
    if (!Rfc2136Config.ALGORITHMS.contains(normal)) {
      section
          .reader()
          .problems()
          .error(
              section.position(),
              "key_algorithm in "
                  + section.describe()
                  + " must be one of "
                  + String.join(", ", Rfc2136Config.ALGORITHMS)
                  + ", got '"
                  + algorithm
                  + "'");
      return Rfc2136Config.DEFAULT_ALGORITHM;
    }
    return normal;
  }
}
