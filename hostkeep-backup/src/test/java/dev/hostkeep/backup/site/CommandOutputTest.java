package dev.hostkeep.backup.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostkeep.core.host.Command;
import dev.hostkeep.core.host.Host;
import dev.hostkeep.core.host.Hosts;
import dev.hostkeep.core.host.SshOptions;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** How a command's exit status decides whether its output is a backup. */
class CommandOutputTest {
  private static final Host LOCAL = Hosts.open("local", SshOptions.defaults());

  @AfterAll
  static void close() {
    LOCAL.close();
  }

  private static byte[] read(String script, int highestOk) throws Exception {
    try (CommandOutput output =
        CommandOutput.start(
            LOCAL, Command.of("sh", "-c", script), new byte[0], "the command", highestOk)) {
      return output.readAllBytes();
    }
  }

  @Test
  void aWarningStatusWithOutputIsSuccess() throws Exception {
    // GNU tar: "file changed as we read it", exit status 1, the archive still complete
    assertThat(read("printf archive; echo 'file changed as we read it' >&2; exit 1", 1))
        .asString(StandardCharsets.UTF_8)
        .isEqualTo("archive");
  }

  @Test
  void aWarningStatusWithNoOutputIsARefusalNotAnEmptyBackup() {
    // BusyBox or bsdtar, given GNU options: usage on stderr, exit status 1, nothing on stdout
    assertThatThrownBy(() -> read("echo 'tar: unrecognized option --format=posix' >&2; exit 1", 1))
        .isInstanceOf(PartFailedException.class)
        .hasMessageContaining("the command failed (exit status 1, and no output)")
        .hasMessageContaining("unrecognized option --format=posix");
  }

  @Test
  void aStatusAboveTheWarningsFailsWhateverTheOutput() {
    assertThatThrownBy(() -> read("printf half; exit 2", 1))
        .isInstanceOf(PartFailedException.class)
        .hasMessageContaining("exit status 2)");
  }

  @Test
  void withoutWarningStatusesAnEmptyOutputOfAZeroStatusIsFine() throws Exception {
    assertThat(read("exit 0", 0)).isEmpty();
  }
}
