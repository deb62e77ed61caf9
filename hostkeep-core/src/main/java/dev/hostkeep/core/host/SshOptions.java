package dev.hostkeep.core.host;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * How hostkeep connects to {@code ssh://} hosts. Immutable; start from {@link #defaults()} and
 * change one setting at a time with the {@code with...} methods.
 *
 * @param knownHosts the OpenSSH known_hosts file host keys are checked against (hashed and {@code
 *     [host]:port} entries work); new keys are appended to it when {@code acceptNewHostKeys}
 * @param identityFiles unencrypted private keys in OpenSSH or PEM format (ed25519, ECDSA, RSA);
 *     encrypted keys belong in ssh-agent
 * @param useAgent whether to also offer the keys of a running ssh-agent
 * @param agentSocket the agent's unix socket, or {@code null} for {@code $SSH_AUTH_SOCK}
 * @param acceptNewHostKeys trust a host seen for the first time and record its key (a changed key
 *     is refused regardless)
 * @param connectTimeout for the TCP connection and key exchange
 * @param authTimeout for authentication
 * @param keepAlive interval of keepalive requests on an idle session
 */
public record SshOptions(
    Path knownHosts,
    List<Path> identityFiles,
    boolean useAgent,
    Path agentSocket,
    boolean acceptNewHostKeys,
    Duration connectTimeout,
    Duration authTimeout,
    Duration keepAlive) {

  public SshOptions {
    Objects.requireNonNull(knownHosts, "knownHosts");
    identityFiles = List.copyOf(identityFiles);
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(authTimeout, "authTimeout");
    requirePositive(keepAlive, "keepAlive");
  }

  /**
   * OpenSSH's defaults: {@code ~/.ssh/known_hosts}, whichever of {@code ~/.ssh/id_ed25519}, {@code
   * id_ecdsa}, {@code id_rsa} exist, the agent at {@code $SSH_AUTH_SOCK}, unknown host keys
   * refused, 15 s to connect, 30 s to authenticate, a keepalive every 30 s.
   */
  public static SshOptions defaults() {
    Path ssh = Path.of(System.getProperty("user.home"), ".ssh");
    List<Path> keys =
        Stream.of("id_ed25519", "id_ecdsa", "id_rsa")
            .map(ssh::resolve)
            .filter(Files::isRegularFile)
            .toList();
    return new SshOptions(
        ssh.resolve("known_hosts"),
        keys,
        true,
        null,
        false,
        Duration.ofSeconds(15),
        Duration.ofSeconds(30),
        Duration.ofSeconds(30));
  }

  public SshOptions withKnownHosts(Path file) {
    return new SshOptions(
        file,
        identityFiles,
        useAgent,
        agentSocket,
        acceptNewHostKeys,
        connectTimeout,
        authTimeout,
        keepAlive);
  }

  public SshOptions withIdentityFiles(List<Path> files) {
    return new SshOptions(
        knownHosts,
        files,
        useAgent,
        agentSocket,
        acceptNewHostKeys,
        connectTimeout,
        authTimeout,
        keepAlive);
  }

  /** Offers the keys of the agent listening on {@code socket}. */
  public SshOptions withAgent(Path socket) {
    return new SshOptions(
        knownHosts,
        identityFiles,
        true,
        socket,
        acceptNewHostKeys,
        connectTimeout,
        authTimeout,
        keepAlive);
  }

  public SshOptions withoutAgent() {
    return new SshOptions(
        knownHosts,
        identityFiles,
        false,
        null,
        acceptNewHostKeys,
        connectTimeout,
        authTimeout,
        keepAlive);
  }

  public SshOptions withAcceptNewHostKeys(boolean accept) {
    return new SshOptions(
        knownHosts,
        identityFiles,
        useAgent,
        agentSocket,
        accept,
        connectTimeout,
        authTimeout,
        keepAlive);
  }

  public SshOptions withTimeouts(Duration connect, Duration auth) {
    return new SshOptions(
        knownHosts,
        identityFiles,
        useAgent,
        agentSocket,
        acceptNewHostKeys,
        connect,
        auth,
        keepAlive);
  }

  /** The agent socket to use, or {@code null} when there is none. */
  Path resolvedAgentSocket() {
    if (!useAgent) {
      return null;
    }
    if (agentSocket != null) {
      return agentSocket;
    }
    String env = System.getenv("SSH_AUTH_SOCK");
    return env == null || env.isBlank() ? null : Path.of(env);
  }

  private static void requirePositive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + duration);
    }
  }
}
