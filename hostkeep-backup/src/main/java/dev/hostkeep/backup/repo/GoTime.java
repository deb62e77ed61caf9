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

  /**
   * Parses an RFC 3339 time as Go writes it. The usual shape ({@code 2026-12-05T02:37:03.03Z},
   * {@code ...+01:00}) is read field by field, since a restore parses two times for each file;
   * anything else goes through the JDK's parser, which also says what is wrong.
   */
  public static Instant parse(String text) {
    Instant quick = quickParse(text);
    if (quick != null) {
      return quick;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new RepositoryException("'" + text + "' is not an RFC 3339 time");
    }
  }

  /** {@code text} as {@code uuuu-MM-ddTHH:mm:ss[.f{1,9}](Z|±HH:mm)}, or null when it is not. */
  static Instant quickParse(String text) {
    int length = text.length();
    if (length < 20
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':') {
      return null;
    }
    int year = number(text, 0, 4);
    int month = number(text, 5, 2);
    int day = number(text, 8, 2);
    int hour = number(text, 11, 2);
    int minute = number(text, 14, 2);
    int second = number(text, 17, 2);
    int at = 19;
    int nanos = 0;
    if (text.charAt(at) == '.') {
      int digits = 0;
      at++;
      while (at < length && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
        if (++digits > 9) {
          return null;
        }
        nanos = nanos * 10 + (text.charAt(at++) - '0');
      }
      if (digits == 0) {
        return null;
      }
      for (int i = digits; i < 9; i++) {
        nanos *= 10;
      }
    }
    int offset;
    if (at == length - 1 && text.charAt(at) == 'Z') {
      offset = 0;
    } else if (at == length - 6
        && (text.charAt(at) == '+' || text.charAt(at) == '-')
        && text.charAt(at + 3) == ':') {
      int hours = number(text, at + 1, 2);
      int minutes = number(text, at + 4, 2);
      if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
        return null;
      }
      offset = (text.charAt(at) == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
    } else {
      return null;
    }
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > 28 && day > java.time.YearMonth.of(year, month).lengthOfMonth()
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return null; // the JDK's parser says what is wrong
    }
    long days = java.time.LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(
        days * 86_400 + hour * 3600L + minute * 60L + second - offset, nanos);
  }

  /** The {@code count} decimal digits at {@code at}, or -1 when they are not all digits. */
  private static int number(String text, int at, int count) {
    int value = 0;
    for (int i = at; i < at + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
