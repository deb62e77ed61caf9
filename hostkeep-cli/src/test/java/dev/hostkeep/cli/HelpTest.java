package dev.hostkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelpTest {
  @ParameterizedTest
  @ValueSource(strings = {"", "version", "config check", "plan", "apply", "status"})
  void everyCommandHasHelpWithExamples(String command) {
    String[] args = (command.isEmpty() ? "--help" : command + " --help").split(" ");

    Cli.Result result = Cli.run(args);

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("Usage: hostkeep").contains("Examples:");
  }

  @Test
  void helpForARepositoryCommandLoadsNoNativeCodeSoJavaPrintsNoWarning(@TempDir Path scratch)
      throws Exception {
    // The launcher grants native access only to working commands; zstd loaded for a help page
    // made Java print four lines of "restricted method" warnings under it.
    Process child = Cli.child(scratch, "repo", "restore", "--help").start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(child.waitFor()).isZero();
    assertThat(output).contains("Usage: hostkeep repo restore").doesNotContain("WARNING");
  }

  @Test
  void onlyWorkingCommandsAreWarmedUp() {
    assertThat(Main.warmsUp("repo restore --help".split(" "), "repo")).isFalse();
    assertThat(Main.warmsUp("backup run -h".split(" "), "backup")).isFalse();
    assertThat(Main.warmsUp("ddns --version".split(" "), "ddns")).isFalse();
    assertThat(Main.warmsUp(new String[] {"version"}, "version")).isFalse();
    assertThat(Main.warmsUp("repo restore latest -t /srv".split(" "), "repo")).isTrue();
    assertThat(Main.warmsUp("repo backup -- --help".split(" "), "repo")).isTrue();
  }

  @Test
  void versionNamesTheReleaseAndTheRuntime() {
    Cli.Result result = Cli.run("version");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("hostkeep 0.").contains("java " + Runtime.version());
  }

  @Test
  void versionAsJson() {
    Cli.Result result = Cli.run("version", "--json");

    assertThat(result.out()).contains("\"version\" : \"0.").contains("\"java\" :");
  }

  @Test
  void unknownOptionIsAUsageError() {
    Cli.Result result = Cli.run("plan", "--frobnicate");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("Unknown option: '--frobnicate'");
  }

  @Test
  void anUnknownCommandGetsTheClosestOne() {
    Cli.Result result = Cli.run("-q", "pln");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("'pln'").contains("plan");
  }

  @Test
  void globalOptionsWorkBeforeTheCommandEvenWithAValue() {
    Cli.Result result = Cli.run("--log-format", "json", "-c", "/nonexistent.yaml", "status");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("/nonexistent.yaml (from -c) does not exist");
  }

  @Test
  void topLevelHelpListsEveryCommand() {
    Cli.Result result = Cli.run("--help");

    assertThat(result.out())
        .contains("version", "config", "plan", "apply", "status", "secondary", "import")
        .doesNotContain("__aot-training");
  }
}
