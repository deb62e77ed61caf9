package dev.hostkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCheckTest {
  @TempDir Path dir;

  private Path config(String text) throws IOException {
    Path file = dir.resolve("hostkeep.yaml");
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  @Test
  void misspeltKeyExitsTwoNamingFileLineColumnAndTheSuggestion() throws IOException {
    Path file = config("guard:\n  max_share: 20%\nstat: sqlite:" + dir + "/state.db\n");

    Cli.Result result = Cli.run("config", "check", "-c", file.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains(file + ":3:1: unknown key 'stat' in the top level (did you mean 'state'?)");
  }

  @Test
  void threeErrorsAreAllReportedInOneRun() throws IOException {
    Path file =
        config(
            """
            state: sqlite:/tmp/never-used.db
            gaurd:
              max_share: 10%
            log:
              level: loud
            guard:
              min_changes: lots
            """);

    Cli.Result result = Cli.run("-c", file.toString(), "config", "check");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("the config has 3 errors")
        .contains(file + ":2:1: unknown key 'gaurd' in the top level (did you mean 'guard'?)")
        .contains(file + ":5:10: level must be one of error, warn, info, debug, trace, got 'loud'")
        .contains(file + ":7:16: min_changes must be a whole number, got 'lots'");
  }

  @Test
  void jsonErrorsCarryLineAndColumn() throws IOException {
    Path file = config("stat: x\n");

    Cli.Result result = Cli.run("config", "check", "--json", "-c", file.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out())
        .contains("\"ok\" : false")
        .contains("\"line\" : 1")
        .contains("\"column\" : 1")
        .contains("did you mean 'state'?");
  }

  @Test
  void resolvedConfigShowsSecretsMasked() throws IOException {
    Path secret = dir.resolve("token");
    Files.writeString(secret, "s3cr3t-token-value\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    Path file =
        config(
            "state: sqlite:"
                + dir
                + "/state.db\n"
                + "test-folders:\n"
                + "  folders:\n"
                + "    - name: web\n"
                + "      path: "
                + dir
                + "\n"
                + "      token: ${file:"
                + secret
                + "}\n");

    Cli.Result result = Cli.run("config", "check", "-c", file.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains(file + ": OK").contains("token: '****'");
    assertThat(result.all()).doesNotContain("s3cr3t-token-value");
    assertThat(dir.resolve("state.db")).doesNotExist();
  }

  @Test
  void inlineSecretInAWorldReadableConfigIsWarnedAbout() throws IOException {
    Path file =
        config(
            "test-folders:\n  folders:\n    - name: web\n      path: "
                + dir
                + "\n      token: inline-secret-1234\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    Cli.Result result = Cli.run("config", "check", "-c", file.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).contains("can be read by group or others: chmod 600 " + file);
    assertThat(result.all()).doesNotContain("inline-secret-1234");
  }

  @Test
  void missingConfigFileNamedByOptionIsAUsageError() {
    Cli.Result result = Cli.run("config", "check", "-c", dir.resolve("nope.yaml").toString());

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).contains("nope.yaml (from -c) does not exist");
  }

  @Test
  void theExampleConfigShippedWithTheDistributionIsValid() {
    Cli.Result result = Cli.run("config", "check", "-c", "src/dist/examples/hostkeep.yaml");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.out()).contains("max_share: '10%'").contains("min_changes: 3");
  }
}
