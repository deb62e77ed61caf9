package dev.hostkeep.core.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.testkit.Binaries;
import dev.hostkeep.testkit.ServerProcess;
import dev.hostkeep.testkit.SshdServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Public-key authentication with identity files and a real ssh-agent. */
class SshAuthTest {
  @TempDir static Path dir;
  private static SshdServer sshd;
  private static Path knownHosts;
  private static Path rsaKey;

  @BeforeAll
  static void start() throws IOException {
    sshd = SshdServer.start(dir);
    knownHosts = Files.writeString(dir.resolve("known_hosts"), sshd.knownHostsLine() + "\n");
    rsaKey = SshdServer.keygen(dir.resolve("rsa_key"), "rsa");
    sshd.authorize(rsaKey);
  }

  @AfterAll
  static void stop() {
    if (sshd != null) {
      sshd.close();
    }
  }

  @Test
  void ed25519IdentityFileLogsIn() {
    assertThat(whoami(options().withIdentityFiles(List.of(sshd.clientKey()))))
        .isEqualTo(sshd.user());
  }

  @Test
  void rsaIdentityFileLogsIn() {
    assertThat(whoami(options().withIdentityFiles(List.of(rsaKey)))).isEqualTo(sshd.user());
  }

  @Test
  void wrongKeyIsRefusedWithAClearAuthError(@TempDir Path work) {
    Path stranger = SshdServer.keygen(work.resolve("stranger"), "ed25519");

    assertThatThrownBy(() -> whoami(options().withIdentityFiles(List.of(stranger))))
        .isInstanceOfSatisfying(
            HostkeepException.class, e -> assertThat(e.retriable()).as("retriable").isFalse())
        .hasMessageContaining("refused authentication as user '" + sshd.user() + "'")
        .hasMessageContaining(stranger.toString());
  }

  @Test
  void missingIdentityFileIsAUsageError(@TempDir Path work) {
    Path absent = work.resolve("absent_key");

    assertThatThrownBy(() -> whoami(options().withIdentityFiles(List.of(absent))))
        .isInstanceOfSatisfying(
            HostkeepException.class, e -> assertThat(e.exitCode().code()).isEqualTo(2))
        .hasMessageContaining(absent.toString());
  }

  @Test
  void encryptedIdentityFileSaysToUseTheAgent(@TempDir Path work) throws Exception {
    Path key = work.resolve("encrypted_key");
    Process keygen =
        new ProcessBuilder(
                Binaries.require("ssh-keygen").toString(),
                "-q",
                "-t",
                "ed25519",
                "-N",
                "pass-phrase-42",
                "-f",
                key.toString())
            .redirectErrorStream(true)
            .start();
    keygen.getInputStream().readAllBytes();
    assertThat(keygen.waitFor()).isZero();

    assertThatThrownBy(() -> whoami(options().withIdentityFiles(List.of(key))))
        .isInstanceOfSatisfying(
            HostkeepException.class, e -> assertThat(e.exitCode().code()).isEqualTo(2))
        .hasMessageContaining("cannot read identity file " + key)
        .hasMessageContaining("ssh-agent");
  }

  @Test
  void agentKeysLogIn(@TempDir Path work) throws Exception {
    Path socket = work.resolve("agent.sock");
    try (ServerProcess agent = startAgent(work, socket)) {
      sshAdd(socket, sshd.clientKey());
      assertThat(whoami(options().withAgent(socket))).isEqualTo(sshd.user());
    }
  }

  @Test
  void agentRsaKeySignsWithSha2(@TempDir Path work) throws Exception {
    // OpenSSH 8.8+ refuses ssh-rsa (SHA-1) signatures: this passes only if the sign request asks
    // the agent for rsa-sha2-256/512.
    Path socket = work.resolve("agent.sock");
    try (ServerProcess agent = startAgent(work, socket)) {
      sshAdd(socket, rsaKey);
      assertThat(whoami(options().withAgent(socket))).isEqualTo(sshd.user());
    }
  }

  @Test
  void emptyAgentIsRefused(@TempDir Path work) {
    Path socket = work.resolve("agent.sock");
    try (ServerProcess agent = startAgent(work, socket)) {
      assertThatThrownBy(() -> whoami(options().withAgent(socket)))
          .isInstanceOf(HostkeepException.class)
          .hasMessageContaining("refused authentication")
          .hasMessageContaining(socket.toString());
    }
  }

  private static SshOptions options() {
    return SshOptions.defaults()
        .withKnownHosts(knownHosts)
        .withIdentityFiles(List.of())
        .withoutAgent();
  }

  private static String whoami(SshOptions options) {
    try (Host host = Hosts.open(sshd.uri(), options)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertThat(host.run(Command.of("id", "-un"), null, out, null)).isZero();
      return HostContract.text(out).strip();
    }
  }

  private static ServerProcess startAgent(Path work, Path socket) {
    Path agent = Binaries.require("ssh-agent");
    return ServerProcess.start(
            "ssh-agent",
            List.of(agent.toString(), "-D", "-a", socket.toString()),
            work,
            java.util.Map.of())
        .awaitReady(Duration.ofSeconds(10), () -> accepts(socket));
  }

  /**
   * Whether the agent takes connections: its socket file appears at bind(), a moment before
   * listen(), and ssh-add in that moment gets "connection refused".
   */
  private static boolean accepts(Path socket) {
    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void sshAdd(Path socket, Path key) throws Exception {
    ProcessBuilder add =
        new ProcessBuilder(Binaries.require("ssh-add").toString(), key.toString())
            .redirectErrorStream(true);
    add.environment().put("SSH_AUTH_SOCK", socket.toString());
    Process process = add.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).as("ssh-add: %s", output).isZero();
  }
}
