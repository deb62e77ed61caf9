package dev.hostkeep.backup.storage;

import dev.hostkeep.core.HostkeepException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a repository is, parsed from the URL forms restic accepts: a local folder ({@code
 * /srv/repo} or {@code local:/srv/repo}), an S3 bucket ({@code
 * s3:https://host[:port]/bucket[/prefix]}, or {@code s3:host/bucket[/prefix]} for HTTPS), and an
 * SFTP folder ({@code sftp:user@host:/path}, {@code sftp:user@host:relative/to/home}, or {@code
 * sftp://user@host[:port]//absolute/path}).
 */
public sealed interface Location {

  /** The location as a user would write it, never with credentials. */
  String display();

  /** A local folder. */
  record Local(Path path) implements Location {
    @Override
    public String display() {
      return path.toString();
    }
  }

  /**
   * An S3 bucket and key prefix ("" for the bucket's root) at {@code endpoint} ({@code
   * https://s3.amazonaws.com} for AWS).
   */
  record S3(URI endpoint, String bucket, String prefix) implements Location {
    /** Whether the endpoint is Amazon's own, where buckets are addressed by DNS name. */
    public boolean amazon() {
      String host = endpoint.getHost().toLowerCase(Locale.ROOT);
      return host.equals("amazonaws.com") || host.endsWith(".amazonaws.com");
    }

    @Override
    public String display() {
      return "s3:" + endpoint + "/" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }
  }

  /**
   * A folder on an SFTP server; {@code path} is absolute, or relative to the user's home folder.
   */
  record Sftp(String user, String host, int port, String path) implements Location {
    @Override
    public String display() {
      String shownHost = host.contains(":") ? "[" + host + "]" : host;
      return port == 22
          ? "sftp:" + user + "@" + shownHost + ":" + path
          : "sftp://" + user + "@" + shownHost + ":" + port + "/" + path;
    }
  }

  /**
   * Parses {@code url}; {@code localUser} is the SFTP user when the URL names none.
   *
   * @throws HostkeepException (usage) naming the expected forms when {@code url} fits none
   */
  static Location parse(String url, String localUser) {
    if (url == null || url.isBlank()) {
      throw HostkeepException.usage("no repository given");
    }
    if (url.startsWith("s3:")) {
      return parseS3(url, url.substring(3));
    }
    if (url.startsWith("sftp:")) {
      return parseSftp(url, url.substring(5), localUser);
    }
    if (url.startsWith("local:")) {
      return new Local(Path.of(url.substring(6)).toAbsolutePath().normalize());
    }
    int colon = url.indexOf(':');
    int slash = url.indexOf('/');
    if (colon > 0 && (slash < 0 || colon < slash) && url.substring(0, colon).matches("[a-z0-9]+")) {
      throw invalid(
          url,
          "'"
              + url.substring(0, colon)
              + ":' is not a repository type hostkeep knows (local folders, s3: and sftp: are)");
    }
    return new Local(Path.of(url).toAbsolutePath().normalize());
  }

  private static Location parseS3(String url, String rest) {
    String withScheme = rest.contains("://") ? rest : "https://" + rest;
    URI uri;
    try {
      uri = new URI(withScheme);
    } catch (URISyntaxException e) {
      throw invalid(url, e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw invalid(url, "the endpoint must be http:// or https://");
    }
    if (uri.getHost() == null) {
      throw invalid(url, "no endpoint host");
    }
    if (uri.getUserInfo() != null) {
      throw invalid(
          url, "credentials do not belong in the URL; set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY");
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    path = strip(path);
    if (path.isEmpty()) {
      throw invalid(url, "no bucket after the endpoint");
    }
    int slash = path.indexOf('/');
    String bucket = slash < 0 ? path : path.substring(0, slash);
    String prefix = slash < 0 ? "" : strip(path.substring(slash + 1));
    URI endpoint = URI.create(scheme + "://" + uri.getRawAuthority());
    return new S3(endpoint, bucket, prefix);
  }

  private static Location parseSftp(String url, String rest, String localUser) {
    if (rest.startsWith("//")) {
      URI uri;
      try {
        uri = new URI("sftp:" + rest);
      } catch (URISyntaxException e) {
        throw invalid(url, e.getReason());
      }
      if (uri.getHost() == null) {
        throw invalid(url, "no host");
      }
      String path = uri.getPath() == null ? "" : uri.getPath();
      // restic's form: one slash ends the authority, a second starts an absolute path.
      path = path.startsWith("/") ? path.substring(1) : path;
      if (path.isEmpty()) {
        throw invalid(url, "no folder after the host");
      }
      return new Sftp(
          user(uri.getUserInfo(), localUser, url),
          unbracket(uri.getHost()),
          uri.getPort() < 0 ? 22 : uri.getPort(),
          path);
    }
    int at = rest.indexOf('@');
    if (at >= 0 && rest.substring(0, at).contains("/")) {
      at = -1; // an '@' in the folder's name, not a user
    }
    String user = at < 0 ? null : rest.substring(0, at);
    String hostAndPath = rest.substring(at + 1);
    String host;
    String path;
    if (hostAndPath.startsWith("[")) {
      int close = hostAndPath.indexOf("]:");
      if (close < 0) {
        throw invalid(url, "an IPv6 host must look like [::1]:/path");
      }
      host = hostAndPath.substring(1, close);
      path = hostAndPath.substring(close + 2);
    } else {
      int colon = hostAndPath.indexOf(':');
      if (colon < 0) {
        throw invalid(url, "no ':' between the host and the folder");
      }
      host = hostAndPath.substring(0, colon);
      path = hostAndPath.substring(colon + 1);
    }
    if (host.isEmpty()) {
      throw invalid(url, "no host");
    }
    if (path.isEmpty()) {
      throw invalid(url, "no folder after the host");
    }
    return new Sftp(user(user, localUser, url), host, 22, path);
  }

  /** A {@code user:password@} in a URL, so messages never repeat the password. */
  java.util.regex.Pattern PASSWORD = java.util.regex.Pattern.compile("(^|//|:)[^/@:]*:[^/@]*@");

  private static String user(String given, String localUser, String url) {
    if (given != null && given.contains(":")) {
      throw invalid(url, "passwords in SFTP URLs are not supported; use a key or ssh-agent");
    }
    return given == null || given.isEmpty() ? localUser : given;
  }

  private static String unbracket(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static String strip(String path) {
    int start = 0;
    int end = path.length();
    while (start < end && path.charAt(start) == '/') {
      start++;
    }
    while (end > start && path.charAt(end - 1) == '/') {
      end--;
    }
    return path.substring(start, end);
  }

  private static HostkeepException invalid(String url, String problem) {
    return HostkeepException.usage(
        "invalid repository '"
            + PASSWORD.matcher(url).replaceFirst("$1***@")
            + "': "
            + problem
            + "; expected a folder (/srv/backup/repo), s3:https://host/bucket[/prefix] or"
            + " sftp:user@host:/path");
  }
}
