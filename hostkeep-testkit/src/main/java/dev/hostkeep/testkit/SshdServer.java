package dev.hostkeep.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real OpenSSH {@code sshd} on a free 127.0.0.1 port, with its own ed25519 host key, config and
 * {@code authorized_keys} in {@code dir}. One ed25519 client key is generated and authorized; the
 * current user logs in with it. Skips the test when sshd is not installed (fails when {@code
 * CI=true}).
 */
public final class SshdServer implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofSeconds(20);

  private final Path dir;
  private final int port;
  private final ServerProcess process;

  private SshdServer(Path dir, int port, ServerProcess process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  /** Starts sshd with its files in {@code dir} (a fresh temp folder). */
  public static SshdServer start(Path dir) {
    Path sshd = Binaries.require("sshd");
    Binaries.require("ssh-keygen");
    keygen(dir.resolve("host_key"), "ed25519");
    keygen(dir.resolve("client_key"), "ed25519");
    try {
      Files.copy(dir.resolve("client_key.pub"), dir.resolve("authorized_keys"));
      Files.createDirectories(Path.of("/run/sshd")); // privilege-separation dir sshd insists on
      int port = FreePorts.next();
      Files.writeString(dir.resolve("sshd_config"), config(dir, port));
      ServerProcess process =
          ServerProcess.start(
              "sshd",
              List.of(sshd.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString()),
              dir,
              Map.of());
      process.awaitPort(port, STARTUP);
      return new SshdServer(dir, port, process);
    } catch (IOException e) {
      throw new UncheckedIOException("could not prepare sshd in " + dir, e);
    }
  }

  private static String config(Path dir, int port) {
    return String.join(
        "\n",
        "Port " + port,
        "ListenAddress 127.0.0.1",
        "HostKey " + dir.resolve("host_key"),
        "PidFile " + dir.resolve("sshd.pid"),
        "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "UsePAM no",
        "StrictModes no",
        "PermitRootLogin prohibit-password",
        "AllowTcpForwarding yes",
        "Subsystem sftp internal-sftp",
        "");
  }

  /**
   * Generates an unencrypted key pair ({@code type}: ed25519, rsa, ecdsa) at {@code privateKey} and
   * {@code privateKey.pub} with {@code ssh-keygen}.
   */
  public static Path keygen(Path privateKey, String type) {
    Path keygen = Binaries.require("ssh-keygen");
    run(
        List.of(
            keygen.toString(),
            "-q",
            "-t",
            type,
            "-N",
            "",
            "-C",
            "hostkeep-test",
            "-f",
            privateKey.toString()));
    return privateKey;
  }

  /** Lets the holder of {@code privateKey} (its {@code .pub} beside it) log in too. */
  public void authorize(Path privateKey) {
    Path publicKey = Path.of(privateKey + ".pub");
    try {
      Files.writeString(
          dir.resolve("authorized_keys"), Files.readString(publicKey), StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("could not authorize " + publicKey, e);
    }
  }

  public int port() {
    return port;
  }

  public String host() {
    return "127.0.0.1";
  }

  /** The user to log in as: the one running the tests. */
  public String user() {
    return System.getProperty("user.name");
  }

  /** {@code ssh://user@127.0.0.1:port}. */
  public String uri() {
    return "ssh://" + user() + "@" + host() + ":" + port;
  }

  /** The authorized client key (OpenSSH format, no passphrase). */
  public Path clientKey() {
    return dir.resolve("client_key");
  }

  /** The host's public key as {@code type base64 comment}. */
  public String hostPublicKey() {
    try {
      return Files.readString(dir.resolve("host_key.pub"), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A known_hosts line for this server: {@code [127.0.0.1]:port type base64}. */
  public String knownHostsLine() {
    String[] parts = hostPublicKey().split(" ");
    return "[" + host() + "]:" + port + " " + parts[0] + " " + parts[1];
  }

  public Path dir() {
    return dir;
  }

  public String logTail() {
    return process.logTail();
  }

  @Override
  public void close() {
    process.close();
  }

  private static void run(List<String> command) {
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException(command + " failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command, e);
    }
  }
}
