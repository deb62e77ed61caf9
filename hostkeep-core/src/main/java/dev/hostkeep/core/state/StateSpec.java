package dev.hostkeep.core.state;

import dev.hostkeep.core.HostkeepException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where the state lives, parsed from the config's {@code state:} value: {@code sqlite:/path}, a
 * plain path, or {@code postgresql://user:password@host:port/db?params} ({@code postgres://} too).
 * The password goes to the driver only; {@link #location()} and {@link #toString()} never show it.
 *
 * @param sqlitePath the file, for SQLite; null for PostgreSQL
 * @param jdbcUrl the driver's URL, without user or password
 */
record StateSpec(
    Dialect dialect,
    String location,
    Path sqlitePath,
    String jdbcUrl,
    String user,
    String password) {

  private static final String FORMS =
      "use sqlite:/path/state.db, a plain path, or postgresql://user@host:port/database";

  static StateSpec parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw HostkeepException.usage("state: no location given; " + FORMS);
    }
    String trimmed = spec.strip();
    if (trimmed.startsWith("postgresql://") || trimmed.startsWith("postgres://")) {
      return postgres(trimmed);
    }
    if (trimmed.startsWith("sqlite:")) {
      String path = trimmed.substring("sqlite:".length());
      return sqlite(path.startsWith("//") ? path.substring(2) : path);
    }
    int scheme = trimmed.indexOf("://");
    if (scheme > 0 || trimmed.startsWith("jdbc:")) {
      String kind = scheme > 0 ? trimmed.substring(0, scheme) : "jdbc";
      throw HostkeepException.usage("state: unknown kind of location '" + kind + ":'; " + FORMS);
    }
    return sqlite(trimmed);
  }

  private static StateSpec sqlite(String path) {
    if (path.isBlank()) {
      throw HostkeepException.usage("state: 'sqlite:' needs a file path; " + FORMS);
    }
    String expanded =
        path.equals("~") || path.startsWith("~/")
            ? System.getProperty("user.home") + path.substring(1)
            : path;
    Path file = Path.of(expanded).toAbsolutePath().normalize();
    return new StateSpec(Dialect.SQLITE, "sqlite:" + file, file, "jdbc:sqlite:" + file, null, null);
  }

  private static StateSpec postgres(String spec) {
    URI uri;
    try {
      uri = new URI(spec);
    } catch (URISyntaxException e) {
      throw badPostgres(spec, "it is not a valid URL");
    }
    if (uri.getHost() == null) {
      throw badPostgres(spec, "no host name (one host only; no '_' in names)");
    }
    String user = null;
    String password = null;
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
    }
    String hostPort = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    String path = uri.getRawPath() == null ? "/" : uri.getRawPath();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    String location = "postgresql://" + (user == null ? "" : user + "@") + hostPort + path;
    return new StateSpec(
        Dialect.POSTGRESQL,
        location,
        null,
        "jdbc:postgresql://" + hostPort + path + query,
        user,
        password);
  }

  /** The driver's connection properties: user, password, and timeouts that fail fast. */
  Properties properties() {
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    properties.setProperty("connectTimeout", "10");
    properties.setProperty("ApplicationName", "hostkeep");
    return properties;
  }

  // Only the part before the user name is shown: the rest may hold a password.
  private static HostkeepException badPostgres(String spec, String why) {
    String scheme = spec.substring(0, spec.indexOf("://") + 3);
    return HostkeepException.usage(
        "state: cannot read the " + scheme + "... location: " + why + "; " + FORMS);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return location;
  }
}
