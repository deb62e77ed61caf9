package dev.hostkeep.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
  private static final List<String> KEYS = List.of("state", "guard", "log", "providers");

  @Test
  void suggestsTheClosestKeyForATypo() {
    assertThat(Suggestions.closest("stat", KEYS)).contains("state");
    assertThat(Suggestions.closest("provders", KEYS)).contains("providers");
    assertThat(Suggestions.closest("GUARD", KEYS)).contains("guard");
  }

  @Test
  void aSwapOfTwoLettersCostsOne() {
    assertThat(Suggestions.distance("gaurd", "guard")).isEqualTo(1);
    assertThat(Suggestions.closest("gaurd", KEYS)).contains("guard");
  }

  @Test
  void suggestsNothingWhenNothingIsClose() {
    assertThat(Suggestions.closest("colour", KEYS)).isEmpty();
    assertThat(Suggestions.closest("x", List.of())).isEmpty();
    assertThat(Suggestions.didYouMean("colour", KEYS)).isEmpty();
  }

  @Test
  void didYouMeanQuotesTheSuggestion() {
    assertThat(Suggestions.didYouMean("max_shre", List.of("max_share", "min_changes")))
        .isEqualTo(" (did you mean 'max_share'?)");
  }

  @Test
  void distanceCountsEditsBothWays() {
    assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
    assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(Suggestions.distance("same", "same")).isZero();
  }
}
