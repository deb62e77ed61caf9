package dev.hostkeep.core.host;

import dev.hostkeep.core.HostkeepException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/** A parsed {@code ssh://user@host[:port]}. */
public record SshTarget(String user, String host, int port) {
  static final int DEFAULT_PORT = 22;
  private static final Pattern PASSWORD = Pattern.compile("^(\\w+://[^:/@]*):[^/@]*@");

  /**
   * Reads {@code ssh://user@host[:port]}.
   *
   * @throws HostkeepException (usage) naming what is wrong with {@code spec}, password masked
   */
  public static SshTarget parse(String spec) {
    URI uri;
    try {
      uri = new URI(spec);
    } catch (URISyntaxException e) {
      throw invalid(spec, e.getReason());
    }
    if (!"ssh".equals(uri.getScheme())) {
      throw invalid(spec, "unknown scheme (only 'local' and ssh:// hosts exist)");
    }
    if (uri.getHost() == null) {
      throw invalid(spec, "no host name, or a malformed one");
    }
    if (uri.getUserInfo() == null || uri.getUserInfo().isEmpty()) {
      throw invalid(spec, "no user");
    }
    if (uri.getUserInfo().contains(":")) {
      throw invalid(spec, "passwords in host URIs are not supported; use a key or ssh-agent");
    }
    if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty())
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw invalid(spec, "unexpected path, query or fragment after the port");
    }
    if (uri.getPort() == 0 || uri.getPort() > 65535) {
      throw invalid(spec, "port " + uri.getPort() + " is out of range 1-65535");
    }
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new SshTarget(
        uri.getUserInfo(), host, uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort());
  }

  /** How known_hosts names this host: {@code host}, or {@code [host]:port} off port 22. */
  String knownHostsName() {
    return port == DEFAULT_PORT ? host : "[" + host + "]:" + port;
  }

  @Override
  public String toString() {
    String shownHost = host.contains(":") ? "[" + host + "]" : host;
    return "ssh://" + user + "@" + shownHost + (port == DEFAULT_PORT ? "" : ":" + port);
  }

  private static HostkeepException invalid(String spec, String problem) {
    return HostkeepException.usage(
        "invalid host '"
            + PASSWORD.matcher(spec).replaceFirst("$1:***@")
            + "': "
            + problem
            + "; expected 'local' or ssh://user@host[:port] (e.g. ssh://backup@db1.example.com:2222)");
  }
}
