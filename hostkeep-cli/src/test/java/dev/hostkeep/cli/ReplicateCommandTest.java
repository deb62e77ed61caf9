package dev.hostkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostkeep.testkit.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hostkeep replicate} as a panel's hook and an operator use it, against a target that is
 * down: push fails with one line that says why, status shows the error, dry-run changes nothing.
 */
class ReplicateCommandTest {
  @TempDir Path dir;

  private Path config() throws IOException {
    Path zones = Files.createDirectory(dir.resolve("zones"));
    Files.writeString(
        zones.resolve("hook.test.db"),
        "$ORIGIN hook.test.\n$TTL 300\n@ SOA ns1 root 5 3600 600 86400 300\n@ NS ns1\n"
            + "ns1 A 192.0.2.53\n");
    Path file = dir.resolve("hostkeep.yaml");
    Files.writeString(
        file,
        "state: sqlite:"
            + dir.resolve("state.db")
            + "\nproviders:\n  central:\n    type: powerdns\n    url: http://127.0.0.1:"
            + FreePorts.next()
            + "\n    api_key: not-a-real-key-4242\n    timeout: 2s\n"
            + "replicate:\n  - name: panel\n    from: { zone_dir: '"
            + zones
            + "' }\n    to: central\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  @Test
  void pushFailsWithOneLineNamingTheZoneAndTheReason() throws IOException {
    Path config = config();

    Cli.Result push = Cli.run("-c", config.toString(), "replicate", "push", "hook.test");

    assertThat(push.exitCode()).isNotZero();
    assertThat(push.err().strip().lines())
        .singleElement()
        .asString()
        .startsWith("hostkeep: replicate push hook.test: ")
        .contains("PowerDNS 127.0.0.1:")
        .doesNotContain("not-a-real-key-4242");

    Cli.Result status = Cli.run("-c", config.toString(), "replicate", "status");

    assertThat(status.exitCode()).isZero();
    assertThat(status.out())
        .as("source serial seen, never replicated, the error shown")
        .containsPattern("panel/hook\\.test +5 +never +[0-9]+s +0 +PowerDNS 127\\.0\\.0\\.1:");
  }

  @Test
  void pushOfAZoneThatIsNotReplicatedSaysWhichZonesAre() throws IOException {
    Cli.Result push = Cli.run("-c", config().toString(), "replicate", "push", "hook.tset");

    assertThat(push.exitCode()).isEqualTo(2);
    assertThat(push.err()).contains("zone hook.tset is not replicated").contains("hook.test");
  }
}
