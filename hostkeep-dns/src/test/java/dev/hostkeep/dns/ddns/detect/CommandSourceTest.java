package dev.hostkeep.dns.ddns.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command sources run as real child processes. */
class CommandSourceTest {
  @TempDir Path dir;

  @Test
  void theFirstLineOfOutputIsTheAddress() throws Exception {
    Verdict verdict =
        detect("ipv4: { sources: [ { command: \"printf '8.8.4.4\\\\nmore\\\\n'\" } ] }");

    assertThat(verdict.address()).contains(InetAddress.getByName("8.8.4.4"));
    assertThat(verdict.answers().getFirst().source())
        .isEqualTo("command printf '8.8.4.4\\nmore\\n'");
  }

  @Test
  void aListIsRunWithoutAShell() throws Exception {
    Verdict verdict = detect("ipv4: { sources: [ { command: [ echo, 9.9.9.9 ] } ] }");

    assertThat(verdict.address()).contains(InetAddress.getByName("9.9.9.9"));
  }

  @Test
  void aFailingCommandIsRejectedWithItsStatusAndMessage() {
    Verdict verdict = detect("ipv4: { sources: [ { command: \"echo no route >&2; exit 3\" } ] }");

    assertThat(verdict.answers().getFirst().problem()).contains("exited with status 3: no route");
  }

  @Test
  void aCommandThatHangsIsKilled() throws Exception {
    Path pid = dir.resolve("pid");

    Verdict verdict =
        detect(
            "ipv4: { sources: [ { command: \"echo $$ > %s; exec sleep 30\" } ], timeout: 300ms }"
                .formatted(pid));

    // Under load the detection's own guard may report before the runner does; either way the
    // command was given 300ms and is gone.
    assertThat(verdict.answers().getFirst().problem())
        .hasValueSatisfying(
            problem ->
                assertThat(problem)
                    .matches("did not finish within 300ms; killed it|no answer within 300ms"));
    Optional<ProcessHandle> process =
        ProcessHandle.of(Long.parseLong(Files.readString(pid).strip()));
    if (process.isPresent()) {
      process.get().onExit().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aRunnerThatThrowsFailsOnlyItsOwnSource() throws Exception {
    DetectionContext context =
        DetectionContext.system()
            .withCommandRunner(
                (command, timeout) -> {
                  throw new IllegalStateException("runner broke");
                });

    Verdict verdict =
        new DetectConfigs(dir, context)
            .load("ipv4: { sources: [ { command: my-ip }, { static: 8.8.4.4 } ] }")
            .detect(Family.IPV4);

    assertThat(verdict.address()).contains(InetAddress.getByName("8.8.4.4"));
    assertThat(verdict.answers().getFirst().problem())
        .contains("failed: IllegalStateException: runner broke");
  }

  private Verdict detect(String yaml) {
    return new DetectConfigs(dir, DetectionContext.system()).load(yaml).detect(Family.IPV4);
  }
}
