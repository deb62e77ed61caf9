package dev.hostkeep.core.host;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a server's host key against known_hosts the way OpenSSH's {@code
 * StrictHostKeyChecking=yes} (or {@code accept-new}) does: a known key passes, a changed key never
 * does, an unknown key only with accept-new (and is then recorded). MINA's own default trusts every
 * key, so every SSH client hostkeep makes gets one of these.
 */
final class HostKeyCheck {
  private static final Logger LOG = LoggerFactory.getLogger(HostKeyCheck.class);

  private final SshTarget target;
  private final Path knownHosts;
  private final boolean acceptNew;
  private final AtomicReference<String> refusal = new AtomicReference<>();

  HostKeyCheck(SshTarget target, Path knownHosts, boolean acceptNew) {
    this.target = target;
    this.knownHosts = knownHosts;
    this.acceptNew = acceptNew;
  }

  ServerKeyVerifier verifier() {
    if (acceptNew) {
      createParent();
    }
    KnownHostsServerKeyVerifier verifier =
        new KnownHostsServerKeyVerifier(this::unknown, knownHosts);
    verifier.setModifiedServerKeyAcceptor(this::changed);
    return verifier;
  }

  /** Why the last host key was refused, or {@code null} when none was. */
  String refusal() {
    return refusal.get();
  }

  private boolean unknown(ClientSession session, SocketAddress address, PublicKey key) {
    if (acceptNew) {
      LOG.warn(
          "{}: first contact, accepting host key {} and adding it to {}",
          target.knownHostsName(),
          describe(key),
          knownHosts);
      return true;
    }
    refusal.set(
        "host key of "
            + target.knownHostsName()
            + " is not known: "
            + describe(key)
            + " is not in "
            + knownHosts
            + ". Refusing to connect. Check the fingerprint with the host's administrator, then"
            + " connect once with --accept-new-host-keys, or add it with `ssh-keyscan -p "
            + target.port()
            + " "
            + target.host()
            + " >> "
            + knownHosts
            + "`");
    return false;
  }

  private boolean changed(
      ClientSession session,
      SocketAddress address,
      KnownHostEntry entry,
      PublicKey expected,
      PublicKey actual) {
    refusal.set(
        "HOST KEY OF "
            + target.knownHostsName()
            + " HAS CHANGED: "
            + knownHosts
            + " has "
            + describe(expected)
            + " but the server offered "
            + describe(actual)
            + ". Someone may be intercepting the connection (man-in-the-middle), or the host was"
            + " reinstalled. Refusing to connect (--accept-new-host-keys never replaces a known"
            + " key). If the change is expected, remove the old key with `ssh-keygen -R '"
            + target.knownHostsName()
            + "' -f "
            + knownHosts
            + "` and connect again.");
    LOG.error(refusal.get());
    return false;
  }

  private static String describe(PublicKey key) {
    return key == null
        ? "(unreadable key)"
        : KeyUtils.getKeyType(key) + " " + KeyUtils.getFingerPrint(key);
  }

  private void createParent() {
    Path parent = knownHosts.toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      LOG.warn("cannot create {} for new host keys: {}", parent, e.getMessage());
    }
  }
}
