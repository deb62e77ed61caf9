package dev.hostkeep.core.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Human log lines, as logback's pattern {@code %d{HH:mm:ss.SSS} %-5level %logger{0}: %msg%n} (or,
 * with color, time in gray and the level highlighted) writes them, stack trace included. Written by
 * hand because logback's pattern layout links some sixty converters when its class is first used, a
 * cost every short command paid before logging a single line.
 */
final class LineEncoder extends EncoderBase<ILoggingEvent> {
  private static final String GRAY = "\u001b[1;30m";
  private static final String DEFAULT_COLOR = "\u001b[0;39m";

  private final boolean time;
  private final boolean color;
  private final ZoneId zone = ZoneId.systemDefault();

  /** {@code time}: start each line with the time of day; {@code color}: ANSI colors. */
  LineEncoder(boolean time, boolean color) {
    this.time = time;
    this.color = color;
  }

  @Override
  public byte[] headerBytes() {
    return null;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    StringBuilder line = new StringBuilder(128);
    if (time) {
      colored(line, color ? GRAY : null, timeOfDay(event.getTimeStamp()));
      line.append(' ');
    }
    colored(line, color ? highlight(event.getLevel()) : null, padded(event.getLevel().toString()));
    String logger = event.getLoggerName();
    line.append(' ').append(logger.substring(logger.lastIndexOf('.') + 1)).append(": ");
    line.append(event.getFormattedMessage()).append(System.lineSeparator());
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      line.append(ThrowableProxyUtil.asString(thrown));
    }
    return line.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public byte[] footerBytes() {
    return null;
  }

  private String timeOfDay(long millis) {
    LocalTime at = LocalTime.ofInstant(Instant.ofEpochMilli(millis), zone);
    return two(at.getHour())
        + ":"
        + two(at.getMinute())
        + ":"
        + two(at.getSecond())
        + "."
        + String.valueOf(1000 + at.getNano() / 1_000_000).substring(1);
  }

  private static String two(int value) {
    return value < 10 ? "0" + value : String.valueOf(value);
  }

  private static String padded(String level) {
    return level.length() >= 5 ? level : level + " ".repeat(5 - level.length());
  }

  private static void colored(StringBuilder line, String code, String text) {
    if (code == null) {
      line.append(text);
    } else {
      line.append(code).append(text).append(DEFAULT_COLOR);
    }
  }

  /** Logback's {@code %highlight}: errors bold red, warnings red, information blue. */
  private static String highlight(Level level) {
    return switch (level.toInt()) {
      case Level.ERROR_INT -> "\u001b[1;31m";
      case Level.WARN_INT -> "\u001b[31m";
      case Level.INFO_INT -> "\u001b[34m";
      default -> "\u001b[39m";
    };
  }
}
