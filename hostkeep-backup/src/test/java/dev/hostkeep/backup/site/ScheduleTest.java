package dev.hostkeep.backup.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When parts are due and overdue, for intervals and cron expressions. */
class ScheduleTest {
  private static final ZoneId UTC = ZoneOffset.UTC;
  private static final Instant LAST = Instant.parse("2026-12-01T02:30:00Z");

  @Test
  void dailyIsDueAfterADayLessAnEarlyMarginAndOverdueAfterTwo() {
    Schedule daily = Schedule.parse("daily");
    assertThat(daily.due(Optional.of(LAST), Instant.parse("2026-12-02T01:17:00Z"), UTC)).isFalse();
    assertThat(daily.due(Optional.of(LAST), Instant.parse("2026-12-02T01:18:00Z"), UTC)).isTrue();
    assertThat(daily.due(Optional.of(LAST), Instant.parse("2026-12-02T02:30:00Z"), UTC)).isTrue();
    assertThat(daily.overdue(LAST, Instant.parse("2026-12-03T02:29:00Z"), UTC)).isFalse();
    assertThat(daily.overdue(LAST, Instant.parse("2026-12-03T02:30:00Z"), UTC)).isTrue();
    assertThat(daily.due(Optional.empty(), LAST, UTC)).isTrue();
  }

  @Test
  void aDailyCronCheckAtTheSameMinuteNeverSkipsANight() {
    // cron runs `backup run --due` at 02:00 every day; each backup is recorded a few seconds
    // later, when its dump starts
    Schedule daily = Schedule.parse("daily");
    Schedule hourly = Schedule.parse("hourly");
    Instant recorded = Instant.parse("2026-12-01T02:00:04Z");
    for (int night = 1; night <= 30; night++) {
      Instant check = Instant.parse("2026-12-01T02:00:00Z").plus(java.time.Duration.ofDays(night));
      assertThat(daily.due(Optional.of(recorded), check, UTC)).as("night %d", night).isTrue();
      recorded = check.plusSeconds(4);
    }
    assertThat(
            hourly.due(
                Optional.of(Instant.parse("2026-12-01T02:00:04Z")),
                Instant.parse("2026-12-01T03:00:00Z"),
                UTC))
        .isTrue();
  }

  @Test
  void cronFollowsTheExpressionInTheZone() {
    Schedule nightly = Schedule.parse("0 3 * * *");
    assertThat(nightly.nextAfter(LAST, UTC)).isEqualTo(Instant.parse("2026-12-01T03:00:00Z"));
    assertThat(nightly.due(Optional.of(LAST), Instant.parse("2026-12-01T03:00:00Z"), UTC)).isTrue();
    assertThat(nightly.overdue(LAST, Instant.parse("2026-12-02T02:59:00Z"), UTC)).isFalse();
    assertThat(nightly.overdue(LAST, Instant.parse("2026-12-02T03:00:00Z"), UTC)).isTrue();
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    assertThat(nightly.nextAfter(LAST, berlin)).isEqualTo(Instant.parse("2026-12-02T02:00:00Z"));
    Schedule weekdays = Schedule.parse("15 */6 * * 1-5");
    // 2026-12-04 is a Friday: after its 18:15 run the next is Monday 00:15
    assertThat(weekdays.nextAfter(Instant.parse("2026-12-04T18:15:00Z"), UTC))
        .isEqualTo(Instant.parse("2026-12-07T00:15:00Z"));
  }

  @Test
  void badSchedulesSayWhatIsExpected() {
    assertThatThrownBy(() -> Schedule.parse("nightly"))
        .hasMessageContaining("use hourly, daily, weekly or a cron expression of five fields");
    assertThatThrownBy(() -> Schedule.parse("61 * * * *"))
        .hasMessageContaining("'61 * * * *' is not a valid cron expression");
  }
}
