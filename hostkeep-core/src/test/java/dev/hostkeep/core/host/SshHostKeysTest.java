package dev.hostkeep.core.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.testkit.Binaries;
import dev.hostkeep.testkit.SshdServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host keys are checked against known_hosts like OpenSSH does, never trusted blindly. */
class SshHostKeysTest {
  @TempDir static Path dir;
  private static SshdServer sshd;
  private static String fingerprint;

  @TempDir Path work;

  @BeforeAll
  static void start() throws Exception {
    sshd = SshdServer.start(dir);
    fingerprint =
        KeyUtils.getFingerPrint(
            PublicKeyEntry.parsePublicKeyEntry(sshd.hostPublicKey())
                .resolvePublicKey(null, null, null));
  }

  @AfterAll
  static void stop() {
    if (sshd != null) {
      sshd.close();
    }
  }

  @Test
  void unknownHostKeyIsRefusedNamingItsFingerprint() throws IOException {
    Path knownHosts = Files.writeString(work.resolve("known_hosts"), "");

    assertThatThrownBy(() -> echo(options(knownHosts)))
        .isInstanceOfSatisfying(
            HostkeepException.class, e -> assertThat(e.retriable()).as("retriable").isFalse())
        .hasMessageContaining("[127.0.0.1]:" + sshd.port())
        .hasMessageContaining("ssh-ed25519 " + fingerprint)
        .hasMessageContaining("--accept-new-host-keys")
        .hasMessageContaining("ssh-keyscan");
    assertThat(Files.readString(knownHosts)).isEmpty();
  }

  @Test
  void missingKnownHostsFileRefusesToo() {
    assertThatThrownBy(() -> echo(options(work.resolve("absent/known_hosts"))))
        .isInstanceOf(HostkeepException.class)
        .hasMessageContaining("is not known")
        .hasMessageContaining(fingerprint);
  }

  @Test
  void changedHostKeyIsRefusedLoudly() throws IOException {
    Path knownHosts = knownHostsWithAnotherKey();

    assertThatThrownBy(() -> echo(options(knownHosts)))
        .isInstanceOf(HostkeepException.class)
        .hasMessageContaining("HOST KEY OF [127.0.0.1]:" + sshd.port() + " HAS CHANGED")
        .hasMessageContaining("man-in-the-middle")
        .hasMessageContaining(fingerprint);
  }

  @Test
  void changedHostKeyIsRefusedEvenWithAcceptNew() throws IOException {
    Path knownHosts = knownHostsWithAnotherKey();
    String before = Files.readString(knownHosts);

    assertThatThrownBy(() -> echo(options(knownHosts).withAcceptNewHostKeys(true)))
        .isInstanceOf(HostkeepException.class)
        .hasMessageContaining("HAS CHANGED");
    assertThat(Files.readString(knownHosts)).isEqualTo(before);
  }

  @Test
  void acceptNewRecordsTheKeyAndLaterConnectionsTrustIt() throws IOException {
    Path knownHosts = work.resolve("new/known_hosts");

    assertThat(echo(options(knownHosts).withAcceptNewHostKeys(true))).isEqualTo("hi\n");
    assertThat(Files.readString(knownHosts)).contains(sshd.hostPublicKey().split(" ")[1]);

    assertThat(echo(options(knownHosts))).isEqualTo("hi\n");
  }

  @Test
  void hashedKnownHostsEntryIsRecognised() throws Exception {
    Path knownHosts = Files.writeString(work.resolve("known_hosts"), sshd.knownHostsLine() + "\n");
    Process hash =
        new ProcessBuilder(
                Binaries.require("ssh-keygen").toString(), "-H", "-f", knownHosts.toString())
            .redirectErrorStream(true)
            .start();
    hash.getInputStream().readAllBytes();
    assertThat(hash.waitFor()).isZero();
    assertThat(Files.readString(knownHosts)).startsWith("|1|").doesNotContain("127.0.0.1");

    assertThat(echo(options(knownHosts))).isEqualTo("hi\n");
  }

  private Path knownHostsWithAnotherKey() throws IOException {
    Path other = SshdServer.keygen(work.resolve("other_host_key"), "ed25519");
    String otherKey = Files.readString(Path.of(other + ".pub")).split(" ")[1];
    return Files.writeString(
        work.resolve("known_hosts"),
        "[127.0.0.1]:" + sshd.port() + " ssh-ed25519 " + otherKey + "\n");
  }

  private static SshOptions options(Path knownHosts) {
    return SshOptions.defaults()
        .withKnownHosts(knownHosts)
        .withIdentityFiles(List.of(sshd.clientKey()))
        .withoutAgent();
  }

  private static String echo(SshOptions options) {
    try (Host host = Hosts.open(sshd.uri(), options)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertThat(host.run(Command.of("echo", "hi"), null, out, null)).isZero();
      return HostContract.text(out);
    }
  }
}
