package dev.hostkeep.core.host;

import dev.hostkeep.core.HostkeepException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;

/**
 * A command on an exec channel. The streams are MINA's channel pipes: stdin blocks when the remote
 * window is full and stdout/stderr hold at most one local window (2 MiB by default), so data of any
 * size flows with bounded memory.
 */
final class SshProcess implements RemoteProcess {
  private static final Duration FOREVER = Duration.ofDays(365);
  private static final Set<ClientChannelEvent> ENDED =
      EnumSet.of(
          ClientChannelEvent.EXIT_STATUS,
          ClientChannelEvent.EXIT_SIGNAL,
          ClientChannelEvent.CLOSED);

  private final SshTarget target;
  private final Command command;
  private final ChannelExec channel;

  SshProcess(SshTarget target, Command command, ChannelExec channel) {
    this.target = target;
    this.command = command;
    this.channel = channel;
  }

  @Override
  public OutputStream stdin() {
    return channel.getInvertedIn();
  }

  @Override
  public InputStream stdout() {
    return channel.getInvertedOut();
  }

  @Override
  public InputStream stderr() {
    return channel.getInvertedErr();
  }

  @Override
  public int waitFor() {
    return waitFor(FOREVER);
  }

  @Override
  public int waitFor(Duration timeout) {
    Set<ClientChannelEvent> events = channel.waitFor(ENDED, timeout);
    Integer status = channel.getExitStatus();
    if (status != null) {
      return status;
    }
    String signal = channel.getExitSignal();
    if (signal != null) {
      throw new HostkeepException(
          "`" + command + "` on " + target + " was killed by signal " + signal);
    }
    if (events.contains(ClientChannelEvent.CLOSED)) {
      throw HostkeepException.retriable(
          "connection to "
              + target
              + " dropped before `"
              + command
              + "` reported an exit status; it may or may not have completed",
          null);
    }
    return -1;
  }

  /**
   * Closes the channel, which ends a command that still runs: sshd closes its pipes, and it stops
   * at its next read or write. The close is graceful, so the channel (and its permit, see {@link
   * SshHost#start}) is released only once sshd has closed its end too: sshd counts a session
   * against its limit until then, and a channel dropped without that exchange would count for as
   * long as the connection lasts.
   */
  @Override
  public void close() {
    channel.close(false);
  }
}
