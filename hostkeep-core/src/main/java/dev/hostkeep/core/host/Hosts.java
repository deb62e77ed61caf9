package dev.hostkeep.core.host;

import dev.hostkeep.core.HostkeepException;

/** Opens the {@link Host} a config names. */
public final class Hosts {
  private Hosts() {}

  /**
   * {@code local} for this machine, {@code ssh://user@host[:port]} for one reached over SSH. The
   * SSH connection is made on the first command, not here.
   *
   * @throws HostkeepException (usage) when {@code spec} is neither
   */
  public static Host open(String spec, SshOptions options) {
    if (spec == null || spec.isBlank()) {
      throw HostkeepException.usage(
          "missing host: expected 'local' or ssh://user@host[:port]" + " (e.g. ssh://backup@db1)");
    }
    if (isLocal(spec)) {
      return new LocalHost();
    }
    return new SshHost(SshTarget.parse(spec), options);
  }

  /** Whether {@code spec} names this machine ({@code local}). */
  public static boolean isLocal(String spec) {
    return LocalHost.NAME.equals(spec);
  }

  /**
   * An SSH connection to {@code user@host:port} (made on first use), for channels other than
   * commands, such as SFTP.
   */
  public static SshHost ssh(String user, String host, int port, SshOptions options) {
    return new SshHost(new SshTarget(user, host, port), options);
  }
}
