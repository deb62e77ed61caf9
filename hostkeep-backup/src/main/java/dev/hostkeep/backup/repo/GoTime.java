package dev.hostkeep.backup.repo;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Timestamps the way Go's {@code time.Time} writes them to JSON (RFC 3339 with up to nine fraction
 * digits, trailing zeros dropped, the local offset or {@code Z}), which is what restic stores for
 * snapshot and node times.
 */
public final class GoTime {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
  private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xxx");

  private GoTime() {}

  /**
   * {@code instant} in {@code zone}, written field by field: a backup formats three times for each
   * file, and the general formatters (with {@code String.format} for the fraction) cost more than
   * reading the file's metadata did.
   */
  public static String format(Instant instant, ZoneId zone) {
    ZoneOffset offset = zone.getRules().getOffset(instant);
    LocalDateTime time =
        LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), offset);
    if (time.getYear() < 0 || time.getYear() > 9999) {
      return formatted(instant, zone); // what the general formatter writes for such years
    }
    StringBuilder out = new StringBuilder(35);
    digits(out, time.getYear(), 4).append('-');
    digits(out, time.getMonthValue(), 2).append('-');
    digits(out, time.getDayOfMonth(), 2).append('T');
    digits(out, time.getHour(), 2).append(':');
    digits(out, time.getMinute(), 2).append(':');
    digits(out, time.getSecond(), 2);
    int nanos = time.getNano();
    if (nanos != 0) {
      int width = 9;
      while (nanos % 10 == 0) {
        nanos /= 10;
        width--;
      }
      digits(out.append('.'), nanos, width);
    }
    int seconds = offset.getTotalSeconds();
    if (seconds == 0) {
      return out.append('Z').toString();
    }
    out.append(seconds < 0 ? '-' : '+');
    int minutes = Math.abs(seconds) / 60;
    digits(out, minutes / 60, 2).append(':');
    return digits(out, minutes % 60, 2).toString();
  }

  /** {@code value} (at most {@code width} digits), zero-padded to {@code width} digits. */
  private static StringBuilder digits(StringBuilder out, int value, int width) {
    int end = out.length() + width;
    out.setLength(end); // fills with NUL, each overwritten below
    for (int i = end - 1; i >= end - width; i--) {
      out.setCharAt(i, (char) ('0' + value % 10));
      value /= 10;
    }
    return out;
  }

  /** The same through the JDK's formatters, for years outside 0 to 9999 (and tests). */
  static String formatted(Instant instant, ZoneId zone) {
    OffsetDateTime time = instant.atZone(zone).toOffsetDateTime();
    StringBuilder out = new StringBuilder(35).append(SECONDS.format(time));
    int nanos = time.getNano();
    if (nanos != 0) {
      String fraction = String.format("%09d", nanos);
      int end = fraction.length();
      while (fraction.charAt(end - 1) == '0') {
        end--;
      }
      out.append('.').append(fraction, 0, end);
    }
    out.append(time.getOffset().getTotalSeconds() == 0 ? "Z" : OFFSET.format(time));
    return out.toString();
  }

  public static Instant parse(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new RepositoryException("'" + text + "' is not an RFC 3339 time");
    }
  }
}
