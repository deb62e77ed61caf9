package dev.hostkeep.backup.repo;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
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

  public static String format(Instant instant, ZoneId zone) {
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
