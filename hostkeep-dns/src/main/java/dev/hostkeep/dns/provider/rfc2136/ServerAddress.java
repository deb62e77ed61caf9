package dev.hostkeep.dns.provider.rfc2136;

import java.util.Optional;

/** Parses {@code host}, {@code host:port} and {@code [v6 address]:port}. */
public record ServerAddress(String host, int port) {
  static final int DNS_PORT = 53;

  public static Optional<ServerAddress> parse(String text) {
    String value = text.strip();
    String host = value;
    String port = null;
    if (value.startsWith("[")) {
      int close = value.indexOf(']');
      if (close < 0) {
        return Optional.empty();
      }
      host = value.substring(1, close);
      String rest = value.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          return Optional.empty();
        }
        port = rest.substring(1);
      }
    } else if (value.indexOf(':') >= 0 && value.indexOf(':') == value.lastIndexOf(':')) {
      host = value.substring(0, value.indexOf(':'));
      port = value.substring(value.indexOf(':') + 1);
    }
    if (host.isEmpty()) {
      return Optional.empty();
    }
    if (port == null) {
      return Optional.of(new ServerAddress(host, DNS_PORT));
    }
    try {
      int number = Integer.parseInt(port);
      return number < 1 || number > 65535
          ? Optional.empty()
          : Optional.of(new ServerAddress(host, number));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
