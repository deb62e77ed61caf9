package dev.hostkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The launcher trains its class caches on these walks and ignores how they end (a failed training
 * only costs start-up time), so the walks are checked to work here.
 */
class AotTrainingTest {
  @ParameterizedTest
  @ValueSource(strings = {"all", "ddns", "secondary"})
  void eachWalkRunsToTheEndPrintingNothing(String walk) {
    Cli.Result result = Cli.run("__aot-training", walk);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEmpty();
  }
}
