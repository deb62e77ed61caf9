package dev.hostkeep.backup.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Times written as Go writes them to JSON, the same as the JDK's formatters write them. */
class GoTimeTest {
  @Test
  void writesWhatGoWrites() {
    assertThat(GoTime.format(Instant.parse("2026-12-05T01:02:03Z"), ZoneId.of("UTC")))
        .isEqualTo("2026-12-05T01:02:03Z");
    assertThat(GoTime.format(Instant.parse("2026-12-05T01:02:03.120Z"), ZoneId.of("UTC")))
        .isEqualTo("2026-12-05T01:02:03.12Z");
    assertThat(
            GoTime.format(
                Instant.parse("2026-07-05T01:02:03.000000007Z"), ZoneId.of("Europe/Paris")))
        .isEqualTo("2026-07-05T03:02:03.000000007+02:00");
    assertThat(GoTime.format(Instant.parse("1969-12-31T23:59:59Z"), ZoneId.of("America/St_Johns")))
        .isEqualTo("1969-12-31T20:29:59-03:30");
  }

  @Test
  void agreesWithTheJdksFormattersEverywhere() {
    Random random = new Random(5);
    String[] zones = {
      "UTC", "Europe/Berlin", "Asia/Kolkata", "America/St_Johns", "Pacific/Chatham"
    };
    for (int i = 0; i < 20_000; i++) {
      Instant instant =
          Instant.ofEpochSecond(random.nextLong(-5_000_000_000L, 250_000_000_000L))
              .plusNanos(random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
      ZoneId zone = ZoneId.of(zones[i % zones.length]);
      assertThat(GoTime.format(instant, zone)).isEqualTo(GoTime.formatted(instant, zone));
      if (zone.getRules().getOffset(instant).getTotalSeconds() % 60 == 0) {
        // (old local mean times had offsets in seconds, which RFC 3339 cannot write)
        assertThat(GoTime.parse(GoTime.format(instant, zone))).isEqualTo(instant);
      }
    }
  }

  @Test
  void readsWhatTheJdkReadsAndRefusesWhatItRefuses() {
    for (String text :
        new String[] {
          "2026-12-05T02:37:03Z",
          "2026-12-05T02:37:03.030437168Z",
          "2026-12-05T02:37:03.1+05:30",
          "2024-02-29T23:59:59.999999999-03:30",
          "1969-12-31T23:59:59.5-00:00",
          "0001-01-01T00:00:00Z"
        }) {
      assertThat(GoTime.parse(text))
          .as(text)
          .isEqualTo(java.time.OffsetDateTime.parse(text).toInstant());
    }
    for (String text :
        new String[] {
          "2026-02-30T00:00:00Z",
          "2026-13-01T00:00:00Z",
          "2026-12-05T24:00:00Z",
          "2026-12-05T02:37:03.1234567890Z",
          "2026-12-05T02:37:03+0100",
          "2026-12-05 02:37:03Z",
          "2026-12-05T02:37:03",
          "yesterday"
        }) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> GoTime.parse(text))
          .as(text)
          .isInstanceOf(RepositoryException.class)
          .hasMessageContaining("is not an RFC 3339 time");
    }
  }
}
