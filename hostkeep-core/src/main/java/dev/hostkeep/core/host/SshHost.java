package dev.hostkeep.core.host;

import dev.hostkeep.core.HostkeepException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.password.PasswordIdentityProvider;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.exception.SshChannelOpenException;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A host reached over SSH. One MINA client and one session, opened on the first command and
 * reopened if it dropped; every command gets its own exec channel on it. Host keys are checked by
 * {@link HostKeyCheck}; authentication is public-key only (identity files, then ssh-agent). Other
 * channels (SFTP) can be opened on the same {@link #session()}.
 */
public final class SshHost implements Host {
  private static final Logger LOG = LoggerFactory.getLogger(SshHost.class);

  /** Channels open at once on one connection: OpenSSH's default {@code MaxSessions}. */
  static final int CHANNELS = 10;

  private final SshTarget target;
  private final SshOptions options;
  private final Semaphore channels = new Semaphore(CHANNELS);
  private SshClient client;
  private ClientSession session;

  SshHost(SshTarget target, SshOptions options) {
    this.target = target;
    this.options = options;
  }

  @Override
  public String name() {
    return target.toString();
  }

  /**
   * Starts {@code command} on a channel of its own. At most {@link #CHANNELS} channels are open at
   * once: OpenSSH refuses more ({@code MaxSessions}, default 10) with a bare "open failed". A
   * caller beyond that waits for a channel to close, or until its thread is interrupted (a run
   * being stopped), which ends the wait with an error and leaves the interrupt status set.
   */
  @Override
  public RemoteProcess start(Command command) {
    ClientSession current = session();
    try {
      channels.acquire();
    } catch (InterruptedException e) {
      throw stopped(command);
    }
    boolean handedOver = false;
    try {
      ChannelExec channel = open(current, command);
      // From here on the channel gives its permit back when it is closed, however that happens.
      channel.addCloseFutureListener(closed -> channels.release());
      handedOver = true;
      return new SshProcess(target, command, channel);
    } finally {
      if (!handedOver) {
        channels.release();
      }
    }
  }

  /**
   * Opens an exec channel for {@code command}. A channel closed here counts on the server until its
   * command has exited there (sshd keeps the session of a running child), so right after commands
   * were ended early the server may refuse a channel the permits allow: that refusal is retried,
   * with growing pauses, for up to the connect timeout.
   */
  private ChannelExec open(ClientSession session, Command command) {
    long deadline = System.nanoTime() + options.connectTimeout().toNanos();
    long pauseMillis = 20;
    while (true) {
      ChannelExec channel;
      try {
        channel = session.createExecChannel(command.toShellLine());
      } catch (IOException | RuntimeException e) {
        throw failedToStart(command, e);
      }
      try {
        channel.open().verify(options.connectTimeout());
        return channel;
      } catch (IOException | RuntimeException e) {
        channel.close(true);
        if (!tooManyChannels(e) || System.nanoTime() + pauseMillis * 1_000_000 > deadline) {
          throw failedToStart(command, e);
        }
      }
      LOG.debug("{} refused a channel (too many open); trying again", target);
      try {
        Thread.sleep(pauseMillis);
      } catch (InterruptedException e) {
        throw stopped(command);
      }
      pauseMillis = Math.min(pauseMillis * 2, 500);
    }
  }

  /**
   * The server's refusal of a session channel for having too many: OpenSSH answers "open failed"
   * with reason "connect failed"; others say "administratively prohibited" or "resource shortage".
   */
  private static boolean tooManyChannels(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SshChannelOpenException refused) {
        int reason = refused.getReasonCode();
        return reason == SshConstants.SSH_OPEN_CONNECT_FAILED
            || reason == SshConstants.SSH_OPEN_ADMINISTRATIVELY_PROHIBITED
            || reason == SshConstants.SSH_OPEN_RESOURCE_SHORTAGE;
      }
    }
    return false;
  }

  private HostkeepException stopped(Command command) {
    Thread.currentThread().interrupt();
    return new HostkeepException(
        "stopped while waiting for a free SSH channel to "
            + target
            + " to start `"
            + command
            + "`");
  }

  private RuntimeException failedToStart(Command command, Exception e) {
    if (e instanceof IOException) {
      return HostkeepException.retriable(
          "could not start `" + command + "` on " + target + ": " + e.getMessage(), e);
    }
    return (RuntimeException) e;
  }

  /**
   * The authenticated session, connecting (again) when there is none or it dropped.
   *
   * @throws HostkeepException naming the host and what failed: a refused or changed host key, no
   *     accepted key (not retriable), or the network (retriable)
   */
  public synchronized ClientSession session() {
    if (session != null && session.isOpen() && session.isAuthenticated()) {
      return session;
    }
    closeQuietly();
    List<KeyPair> keys = loadIdentities();
    HostKeyCheck hostKeys =
        new HostKeyCheck(target, options.knownHosts(), options.acceptNewHostKeys());
    client = newClient(keys, hostKeys);
    client.start();
    session = connect(hostKeys, keys.size());
    return session;
  }

  /**
   * AES-GCM first: the JDK runs it with the CPU's AES and carry-less multiply instructions, several
   * times faster than MINA's pure-Java ChaCha20-Poly1305 (its default first choice), which made the
   * SSH channel, not the dump, the limit of a site backup. ChaCha20 stays for servers that offer
   * nothing else.
   */
  private static final List<NamedFactory<Cipher>> CIPHERS =
      List.of(
          BuiltinCiphers.aes128gcm,
          BuiltinCiphers.aes256gcm,
          BuiltinCiphers.aes128ctr,
          BuiltinCiphers.aes192ctr,
          BuiltinCiphers.aes256ctr,
          BuiltinCiphers.cc20p1305_openssh);

  private SshClient newClient(List<KeyPair> keys, HostKeyCheck hostKeys) {
    SshClient sshClient = SshClient.setUpDefaultClient();
    sshClient.setServerKeyVerifier(hostKeys.verifier());
    sshClient.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY); // no ~/.ssh/config
    sshClient.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
    sshClient.setPasswordIdentityProvider(PasswordIdentityProvider.EMPTY_PASSWORDS_PROVIDER);
    sshClient.setKeyIdentityProvider(KeyIdentityProvider.wrapKeyPairs(keys));
    Path agent = options.resolvedAgentSocket();
    sshClient.setAgentFactory(agent == null ? null : new UnixSocketAgentFactory(agent));
    CoreModuleProperties.HEARTBEAT_INTERVAL.set(sshClient, options.keepAlive());
    CoreModuleProperties.HEARTBEAT_REPLY_WAIT.set(sshClient, options.keepAlive());
    CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(sshClient, 3);
    CoreModuleProperties.AUTH_TIMEOUT.set(sshClient, options.authTimeout());
    sshClient.setCipherFactories(CIPHERS);
    return sshClient;
  }

  private ClientSession connect(HostKeyCheck hostKeys, int keyCount) {
    ClientSession opened = null;
    try {
      opened =
          client
              .connect(target.user(), target.host(), target.port())
              .verify(options.connectTimeout())
              .getSession();
      opened.auth().verify(options.authTimeout());
      LOG.debug("connected to {}", target);
      return opened;
    } catch (IOException e) {
      boolean keyExchanged = opened != null && opened.getServerKey() != null;
      closeQuietly();
      throw connectFailure(e, hostKeys, keyExchanged, keyCount);
    }
  }

  private HostkeepException connectFailure(
      IOException e, HostKeyCheck hostKeys, boolean keyExchanged, int keyCount) {
    if (hostKeys.refusal() != null) {
      return new HostkeepException(hostKeys.refusal(), e);
    }
    if (keyExchanged && String.valueOf(e.getMessage()).contains("authentication methods")) {
      Path agent = options.resolvedAgentSocket();
      return new HostkeepException(
          target
              + " refused authentication as user '"
              + target.user()
              + "': none of the offered keys is accepted (identity files: "
              + (options.identityFiles().isEmpty() ? "none" : options.identityFiles())
              + ", "
              + keyCount
              + " loaded; ssh-agent: "
              + (agent == null ? "not used" : agent)
              + "). Add the public key to the user's authorized_keys on the host.",
          e);
    }
    return HostkeepException.retriable("could not connect to " + target + ": " + e.getMessage(), e);
  }

  private List<KeyPair> loadIdentities() {
    List<KeyPair> keys = new ArrayList<>();
    for (Path file : options.identityFiles()) {
      if (!Files.isReadable(file)) {
        throw HostkeepException.usage("identity file " + file + " does not exist or is unreadable");
      }
      try (InputStream in = Files.newInputStream(file)) {
        Iterable<KeyPair> loaded =
            SecurityUtils.loadKeyPairIdentities(null, file::toString, in, null);
        if (loaded == null) {
          throw HostkeepException.usage("identity file " + file + " holds no private key");
        }
        loaded.forEach(keys::add);
      } catch (IOException | GeneralSecurityException | RuntimeException e) {
        if (e instanceof HostkeepException hostkeep) {
          throw hostkeep;
        }
        throw HostkeepException.usage(
            "cannot read identity file "
                + file
                + " (an encrypted key must be loaded into ssh-agent with ssh-add instead): "
                + e.getMessage());
      }
    }
    return keys;
  }

  @Override
  public synchronized void close() {
    closeQuietly();
  }

  private void closeQuietly() {
    try {
      if (session != null) {
        session.close(true);
      }
      if (client != null) {
        client.stop();
      }
    } catch (RuntimeException e) {
      LOG.debug("closing {}: {}", target, e.toString());
    } finally {
      session = null;
      client = null;
    }
  }

  @Override
  public String toString() {
    return name();
  }
}
