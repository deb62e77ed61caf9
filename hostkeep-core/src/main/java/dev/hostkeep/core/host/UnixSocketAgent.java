package dev.hostkeep.core.host;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.sshd.agent.SshAgent;
import org.apache.sshd.agent.SshAgentKeyConstraint;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of a running ssh-agent over its unix socket ({@code SSH_AUTH_SOCK}), on the JDK's own
 * unix-domain sockets: MINA's unix agent client needs Tomcat's native APR library. Speaks only the
 * two requests authentication needs (draft-miller-ssh-agent): list identities and sign.
 */
final class UnixSocketAgent implements SshAgent {
  private static final Logger LOG = LoggerFactory.getLogger(UnixSocketAgent.class);
  private static final byte FAILURE = 5;
  private static final byte REQUEST_IDENTITIES = 11;
  private static final byte IDENTITIES_ANSWER = 12;
  private static final byte SIGN_REQUEST = 13;
  private static final byte SIGN_RESPONSE = 14;
  private static final int RSA_SHA2_256 = 2;
  private static final int RSA_SHA2_512 = 4;
  private static final int MAX_MESSAGE = 256 * 1024;

  private final Path socket;
  private final SocketChannel channel;

  UnixSocketAgent(Path socket) throws IOException {
    this.socket = socket;
    this.channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      channel.connect(UnixDomainSocketAddress.of(socket));
    } catch (IOException e) {
      channel.close();
      throw new IOException("cannot reach ssh-agent at " + socket + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<Map.Entry<PublicKey, String>> getIdentities() throws IOException {
    Buffer reply = request(message(REQUEST_IDENTITIES));
    expect(reply, IDENTITIES_ANSWER, "list identities");
    int count = reply.getInt();
    List<Map.Entry<PublicKey, String>> identities = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] blob = reply.getBytes();
      String comment = reply.getString();
      try {
        identities.add(Map.entry(new ByteArrayBuffer(blob).getRawPublicKey(), comment));
      } catch (Exception e) {
        LOG.debug(
            "skipping agent key '{}' of a type hostkeep cannot use: {}", comment, e.toString());
      }
    }
    return identities;
  }

  @Override
  public Map.Entry<String, byte[]> sign(
      SessionContext session, PublicKey key, String algorithm, byte[] data) throws IOException {
    Buffer request = message(SIGN_REQUEST);
    request.putPublicKey(key);
    request.putBytes(data);
    request.putInt(flags(algorithm));
    Buffer reply = request(request);
    expect(reply, SIGN_RESPONSE, "sign with " + KeyUtils.getFingerPrint(key));
    Buffer signature = new ByteArrayBuffer(reply.getBytes());
    return Map.entry(signature.getString(), signature.getBytes());
  }

  /** RSA keys sign with SHA-1 unless asked otherwise, and OpenSSH refuses SHA-1 signatures. */
  private static int flags(String algorithm) {
    if ("rsa-sha2-256".equals(algorithm)) {
      return RSA_SHA2_256;
    }
    if ("rsa-sha2-512".equals(algorithm)) {
      return RSA_SHA2_512;
    }
    return 0;
  }

  private static Buffer message(byte type) {
    Buffer buffer = new ByteArrayBuffer();
    buffer.putByte(type);
    return buffer;
  }

  private synchronized Buffer request(Buffer message) throws IOException {
    ByteBuffer out = ByteBuffer.allocate(4 + message.available());
    out.putInt(message.available()).put(message.array(), message.rpos(), message.available());
    out.flip();
    while (out.hasRemaining()) {
      channel.write(out);
    }
    ByteBuffer length = readFully(ByteBuffer.allocate(4));
    int size = length.getInt(0);
    if (size <= 0 || size > MAX_MESSAGE) {
      throw new SshException("ssh-agent at " + socket + " sent a bad message length " + size);
    }
    return new ByteArrayBuffer(readFully(ByteBuffer.allocate(size)).array());
  }

  private ByteBuffer readFully(ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) == -1) {
        throw new SshException("ssh-agent at " + socket + " closed the connection");
      }
    }
    return buffer;
  }

  private void expect(Buffer reply, byte expected, String what) throws SshException {
    byte type = reply.getByte();
    if (type == FAILURE) {
      throw new SshException("ssh-agent at " + socket + " refused to " + what);
    }
    if (type != expected) {
      throw new SshException(
          "ssh-agent at "
              + socket
              + " answered "
              + type
              + " instead of "
              + expected
              + " to "
              + what);
    }
  }

  @Override
  public void addIdentity(KeyPair key, String comment, SshAgentKeyConstraint... constraints) {
    throw new UnsupportedOperationException("hostkeep only reads keys from ssh-agent");
  }

  @Override
  public void removeIdentity(PublicKey key) {
    throw new UnsupportedOperationException("hostkeep only reads keys from ssh-agent");
  }

  @Override
  public void removeAllIdentities() {
    throw new UnsupportedOperationException("hostkeep only reads keys from ssh-agent");
  }

  @Override
  public boolean isOpen() {
    return channel.isOpen();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
