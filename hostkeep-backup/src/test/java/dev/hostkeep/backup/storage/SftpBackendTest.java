package dev.hostkeep.backup.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.host.SshOptions;
import dev.hostkeep.testkit.SshdServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SFTP backend against OpenSSH's sshd (internal-sftp), with a checked host key. */
class SftpBackendTest extends BackendContract {
  @TempDir static Path dir;
  @TempDir static Path repos;
  static SshdServer sshd;
  static Path knownHosts;

  @BeforeAll
  static void startSshd() throws IOException {
    sshd = SshdServer.start(Files.createDirectories(dir.resolve("sshd")));
    knownHosts = dir.resolve("known_hosts");
    Files.writeString(knownHosts, sshd.knownHostsLine() + "\n");
  }

  @AfterAll
  static void stopSshd() {
    if (sshd != null) {
      sshd.close();
    }
  }

  static SshOptions ssh() {
    return SshOptions.defaults()
        .withKnownHosts(knownHosts)
        .withIdentityFiles(List.of(sshd.clientKey()))
        .withoutAgent();
  }

  @Override
  Backend open(String name) {
    return new SftpBackend(
        new Location.Sftp(sshd.user(), sshd.host(), sshd.port(), repos.resolve(name).toString()),
        ssh());
  }

  @Test
  void filesLandInResticsLayoutWithNothingHalfWrittenLeft() throws IOException {
    Path root = repos.resolve("layout");
    String pack = name(11);
    try (Backend repo = open("layout")) {
      repo.create();
      repo.save(FileType.PACK, pack, bytes(1000, 11));
    }

    assertThat(root.resolve("data").resolve(pack.substring(0, 2)).resolve(pack)).hasSize(1000);
    try (var files = Files.list(root.resolve("data").resolve(pack.substring(0, 2)))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly(pack);
    }
  }

  @Test
  void anUnknownHostKeyIsRefusedAndNamed() throws IOException {
    Path empty = dir.resolve("empty_known_hosts");
    Files.writeString(empty, "");
    try (Backend repo =
        new SftpBackend(
            new Location.Sftp(sshd.user(), sshd.host(), sshd.port(), repos.toString()),
            ssh().withKnownHosts(empty))) {
      assertThatThrownBy(repo::create)
          .isInstanceOf(HostkeepException.class)
          .hasMessageContaining("127.0.0.1");
    }
  }
}
