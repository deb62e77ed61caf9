package dev.hostkeep.dns.source;

import dev.hostkeep.core.HostkeepException;
import java.util.Optional;

/**
 * How a zone file's name holds its zone: {@code {zone}.db}, {@code db.{zone}}, {@code {zone}.zone}
 * or just {@code {zone}}; any text around exactly one {@code {zone}}.
 */
public record ZoneFilePattern(String prefix, String suffix) {
  public static final String PLACEHOLDER = "{zone}";
  public static final ZoneFilePattern DEFAULT = parse("{zone}.db");

  public ZoneFilePattern {
    if (prefix.contains("/") || suffix.contains("/")) {
      throw HostkeepException.usage("a zone file pattern names files, not folders: no '/'");
    }
  }

  /** Reads a pattern such as {@code db.{zone}}; it must hold {@code {zone}} exactly once. */
  public static ZoneFilePattern parse(String pattern) {
    int at = pattern.indexOf(PLACEHOLDER);
    if (at < 0 || pattern.indexOf(PLACEHOLDER, at + 1) >= 0) {
      throw HostkeepException.usage(
          "zone file pattern '"
              + pattern
              + "' must contain {zone} exactly once, e.g. {zone}.db, db.{zone}, {zone}.zone");
    }
    return new ZoneFilePattern(
        pattern.substring(0, at), pattern.substring(at + PLACEHOLDER.length()));
  }

  /** The zone part of {@code fileName}, or empty when the name does not fit the pattern. */
  public Optional<String> zoneOf(String fileName) {
    if (fileName.length() > prefix.length() + suffix.length()
        && fileName.startsWith(prefix)
        && fileName.endsWith(suffix)) {
      return Optional.of(fileName.substring(prefix.length(), fileName.length() - suffix.length()));
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return prefix + PLACEHOLDER + suffix;
  }
}
