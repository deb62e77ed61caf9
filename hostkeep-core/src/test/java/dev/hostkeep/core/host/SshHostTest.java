package dev.hostkeep.core.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.testkit.SshdServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.kex.KexProposalOption;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host contract against a real OpenSSH sshd, plus what only SSH can do wrong. */
class SshHostTest extends HostContract {
  @TempDir static Path dir;
  private static SshdServer sshd;
  private static Host host;

  @BeforeAll
  static void start() throws IOException {
    sshd = SshdServer.start(dir);
    host = Hosts.open(sshd.uri(), options(sshd, dir));
  }

  /** Options that trust {@code sshd}'s host key and log in with its client key, no agent. */
  static SshOptions options(SshdServer sshd, Path dir) throws IOException {
    Path knownHosts = dir.resolve("known_hosts");
    Files.writeString(knownHosts, sshd.knownHostsLine() + "\n");
    return SshOptions.defaults()
        .withKnownHosts(knownHosts)
        .withIdentityFiles(List.of(sshd.clientKey()))
        .withoutAgent();
  }

  @AfterAll
  static void stop() {
    if (host != null) {
      host.close();
    }
    if (sshd != null) {
      sshd.close();
    }
  }

  @Override
  Host host() {
    return host;
  }

  @Test
  void isNamedByItsUri() {
    assertThat(host.name()).isEqualTo(sshd.uri());
  }

  @Test
  void opensshAgreesOnAesGcm() {
    ClientSession session = ((SshHost) host).session();

    assertThat(session.getNegotiatedKexParameter(KexProposalOption.S2CENC))
        .isEqualTo("aes128-gcm@openssh.com");
    assertThat(session.getNegotiatedKexParameter(KexProposalOption.C2SENC))
        .isEqualTo("aes128-gcm@openssh.com");
  }

  @Test
  void commandKilledBySignalIsAClearError() {
    assertThatThrownBy(() -> host.run(Command.shell("kill -KILL $$"), null, null, null))
        .isInstanceOf(HostkeepException.class)
        .hasMessageContaining("was killed by signal KILL")
        .hasMessageContaining(sshd.uri());
  }

  @Test
  void droppedSessionIsRetriableAndTheNextCommandReconnects() throws IOException {
    Path ownDir = Files.createTempDirectory(dir, "drop");
    try (Host own = Hosts.open(sshd.uri(), options(sshd, ownDir))) {
      // The shell's parent is the sshd process serving this connection: killing it drops the link.
      assertThatThrownBy(() -> own.run(Command.shell("kill -KILL $PPID"), null, null, null))
          .isInstanceOfSatisfying(
              HostkeepException.class, e -> assertThat(e.retriable()).as("retriable").isTrue())
          .hasMessageContaining("dropped");

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertThat(own.run(Command.of("echo", "back"), null, out, null)).isZero();
      assertThat(text(out)).isEqualTo("back\n");
    }
  }

  @Test
  void aCallerWaitingForAFreeChannelCanBeStopped() throws Exception {
    // A connection of its own: the shared one's channels belong to the other tests.
    Host own = Hosts.open(sshd.uri(), options(sshd, dir));
    List<RemoteProcess> busy = new java.util.ArrayList<>();
    try (own) {
      for (int i = 0; i < SshHost.CHANNELS; i++) {
        busy.add(own.start(Command.of("yes"))); // fills its channel's window, then waits
      }
      java.util.concurrent.CompletableFuture<Throwable> outcome =
          new java.util.concurrent.CompletableFuture<>();
      Thread waiting =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try (RemoteProcess extra = own.start(Command.of("true"))) {
                      outcome.complete(null);
                    } catch (Throwable e) {
                      outcome.complete(e);
                    }
                  });
      Thread.sleep(300); // it is now waiting for one of the ten channels
      assertThat(outcome).isNotDone();

      waiting.interrupt();

      assertThat(outcome.get(10, java.util.concurrent.TimeUnit.SECONDS))
          .isInstanceOf(HostkeepException.class)
          .hasMessageContaining("waiting for a free SSH channel")
          .hasMessageContaining("`true`");
      busy.forEach(RemoteProcess::close);
      busy.clear();
      // The ten channels are given back: the connection runs commands again (sshd counts each
      // until its command has exited, and the refusals until then are retried).
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertThat(own.run(Command.of("echo", "again"), null, out, null)).isZero();
      assertThat(text(out)).isEqualTo("again\n");
    } finally {
      busy.forEach(RemoteProcess::close);
    }
  }

  @Test
  void connectionRefusedIsRetriable() {
    try (Host nobody =
        Hosts.open("ssh://" + sshd.user() + "@127.0.0.1:1", SshOptions.defaults().withoutAgent())) {
      assertThatThrownBy(() -> nobody.run(Command.of("true"), null, null, null))
          .isInstanceOfSatisfying(
              HostkeepException.class, e -> assertThat(e.retriable()).as("retriable").isTrue())
          .hasMessageContaining("could not connect to ssh://");
    }
  }
}
