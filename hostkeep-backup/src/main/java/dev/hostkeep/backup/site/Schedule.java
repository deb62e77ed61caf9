package dev.hostkeep.backup.site;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * When a site is meant to be backed up: {@code hourly}, {@code daily}, {@code weekly}, or a
 * five-field cron expression ({@code 30 2 * * *}) in the host's time zone. A part is <em>due</em>
 * once the first scheduled time after its last success has come, and <em>overdue</em> once the
 * scheduled time after that has come too: one whole run was missed.
 */
public final class Schedule {
  private static final CronParser CRON =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  private final String text;
  private final Duration every; // null for a cron expression
  private final ExecutionTime cron; // null for an interval

  private Schedule(String text, Duration every, ExecutionTime cron) {
    this.text = text;
    this.every = every;
    this.cron = cron;
  }

  public static Schedule daily() {
    return parse("daily");
  }

  /**
   * Reads {@code hourly|daily|weekly} or a cron expression.
   *
   * @throws IllegalArgumentException with a message that says what is wrong
   */
  public static Schedule parse(String text) {
    String trimmed = text.trim();
    switch (trimmed) {
      case "hourly":
        return new Schedule(trimmed, Duration.ofHours(1), null);
      case "daily":
        return new Schedule(trimmed, Duration.ofDays(1), null);
      case "weekly":
        return new Schedule(trimmed, Duration.ofDays(7), null);
      default:
        break;
    }
    if (trimmed.split("\\s+").length != 5) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a schedule: use hourly, daily, weekly or a cron expression of five"
              + " fields (minute hour day-of-month month day-of-week), like '30 2 * * *'");
    }
    try {
      return new Schedule(trimmed, null, ExecutionTime.forCron(CRON.parse(trimmed)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a valid cron expression: " + e.getMessage(), e);
    }
  }

  /** The first time after {@code last} that a run is scheduled. */
  public Instant nextAfter(Instant last, ZoneId zone) {
    if (every != null) {
      return last.plus(every);
    }
    Optional<ZonedDateTime> next = cron.nextExecution(last.atZone(zone));
    return next.map(ZonedDateTime::toInstant).orElse(Instant.MAX);
  }

  /**
   * Whether a run is due at {@code now} for a part last backed up at {@code last} (or never). An
   * interval is due a twentieth of itself early (daily: 72 minutes): cron starts {@code backup run
   * --due} at the same minute each day, a part's time is when its dump started, a little after
   * that, and a check a full day later would find it a few seconds short and skip a night.
   */
  public boolean due(Optional<Instant> last, Instant now, ZoneId zone) {
    if (last.isEmpty()) {
      return true;
    }
    Instant next = nextAfter(last.get(), zone);
    if (every != null) {
      next = next.minus(every.dividedBy(EARLY));
    }
    return !next.isAfter(now);
  }

  /** An interval schedule is due this fraction of its interval early. */
  private static final int EARLY = 20;

  /** Whether a whole scheduled run was missed since {@code last}. */
  public boolean overdue(Instant last, Instant now, ZoneId zone) {
    Instant next = nextAfter(last, zone);
    return next != Instant.MAX && !nextAfter(next, zone).isAfter(now);
  }

  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Schedule s && s.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }
}
