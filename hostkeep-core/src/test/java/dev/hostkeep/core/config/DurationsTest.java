package dev.hostkeep.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
  @ParameterizedTest
  @CsvSource({
    "250ms, PT0.25S",
    "30s, PT30S",
    "' 5m ', PT5M",
    "2h, PT2H",
    "7d, PT168H",
    "1w, PT168H",
    "10 s, PT10S",
    "PT1M30S, PT1M30S"
  })
  void parsesWhatPeopleWrite(String text, Duration expected) {
    assertThat(Durations.parse(text)).contains(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "5",
        "5 minutes",
        "-5s",
        "1.5h",
        "s",
        "5x",
        "99999999999999999999s",
        "9999999999999999d"
      })
  void rejectsTheRest(String text) {
    assertThat(Durations.parse(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"PT0S, 0s", "PT0.25S, 250ms", "PT30S, 30s", "PT5M, 5m", "PT2H, 2h", "PT48H, 2d"})
  void formatsTheShortestFormThatParsesBack(Duration duration, String expected) {
    assertThat(Durations.format(duration)).isEqualTo(expected);
    assertThat(Durations.parse(expected)).contains(duration);
  }

  @ParameterizedTest
  @CsvSource({"PT1M30S, 90s", "PT1.5S, 1500ms"})
  void formatsMixedUnitsInTheLargestExactUnit(Duration duration, String expected) {
    assertThat(Durations.format(duration)).isEqualTo(expected);
  }
}
