package dev.hostkeep.core.config;

import java.util.Optional;

/**
 * How hostkeep logs: the level, text or JSON lines on stderr, and optionally a copy to syslog (a
 * {@code host[:port]} receiving UDP syslog, usually {@code localhost}).
 */
public record LogSettings(Level level, Format format, Optional<String> syslog, String facility) {
  public static final LogSettings DEFAULT =
      new LogSettings(Level.WARN, Format.TEXT, Optional.empty(), "daemon");

  public enum Level {
    ERROR,
    WARN,
    INFO,
    DEBUG,
    TRACE
  }

  public enum Format {
    TEXT,
    JSON
  }

  public LogSettings withLevel(Level value) {
    return new LogSettings(value, format, syslog, facility);
  }

  public LogSettings withFormat(Format value) {
    return new LogSettings(level, value, syslog, facility);
  }

  public LogSettings withSyslog(String value) {
    return new LogSettings(level, format, Optional.of(value), facility);
  }
}
