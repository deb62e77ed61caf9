package dev.hostkeep.dns.provider.rfc2136;

import dev.hostkeep.core.HostkeepException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.xbill.DNS.Message;
import org.xbill.DNS.TSIG;

/**
 * One TCP connection to the primary that carries UPDATE messages one after the other, each already
 * {@linkplain Rfc2136Client#sign signed and encoded}. A new connection per message (what dnsjava's
 * resolver does) costs a handshake and a fresh encoding each time; here the bytes built to check a
 * message's size are the bytes sent.
 *
 * <p>At most one message is in flight: {@link #write} hands it to the primary and returns, so the
 * caller can build the next one while the primary applies it, and {@link #awaitApplied} waits for
 * the answer. A message is only written once the one before it is known to be applied, so a failure
 * stops the sequence where it happened. Not thread-safe.
 */
public final class UpdateConnection implements AutoCloseable {
  private final Rfc2136Config config;
  private final TSIG tsig;
  private final Socket socket;
  private final OutputStream out;
  private final DataInputStream in;
  private SignedMessage pending;

  UpdateConnection(Rfc2136Config config, TSIG tsig) {
    this.config = config;
    this.tsig = tsig;
    int timeout = (int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis());
    this.socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(timeout);
      socket.connect(new InetSocketAddress(config.host(), config.port()), timeout);
      this.out = socket.getOutputStream();
      this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
    } catch (IOException e) {
      closeQuietly();
      throw UpdateFailures.network("connection for updates", config, e);
    }
  }

  /** Sends {@code message} and returns once the primary applied it; throws if it did not. */
  public void send(SignedMessage message) {
    write(message);
    awaitApplied();
  }

  /** Writes {@code message} without waiting for its answer; the one before must be answered. */
  public void write(SignedMessage message) {
    if (pending != null) {
      throw new IllegalStateException("the answer to the previous message was not read yet");
    }
    byte[] wire = message.wire();
    byte[] framed = new byte[wire.length + 2];
    framed[0] = (byte) (wire.length >>> 8);
    framed[1] = (byte) wire.length;
    System.arraycopy(wire, 0, framed, 2, wire.length);
    try {
      out.write(framed);
      out.flush();
    } catch (IOException e) {
      throw UpdateFailures.network("update of zone " + message.zone(), config, e);
    }
    pending = message;
  }

  /** Waits for the answer to the message last written; throws unless the primary applied it. */
  public void awaitApplied() {
    SignedMessage message = pending;
    if (message == null) {
      throw new IllegalStateException("no message was written");
    }
    pending = null;
    byte[] answer;
    Message response;
    try {
      answer = new byte[in.readUnsignedShort()];
      in.readFully(answer);
      response = new Message(answer);
    } catch (IOException e) {
      throw UpdateFailures.network("update of zone " + message.zone(), config, e);
    }
    if (response.getHeader().getID() != message.message().getHeader().getID()) {
      throw HostkeepException.retriable(
          "update of zone "
              + message.zone()
              + " on "
              + config.server()
              + ": the answer is for another message (id "
              + response.getHeader().getID()
              + ", expected "
              + message.message().getHeader().getID()
              + ")",
          null);
    }
    tsig.verify(response, answer, message.signature());
    UpdateFailures.check(response, "update", message.zone(), config);
  }

  @Override
  public void close() {
    closeQuietly();
  }

  private void closeQuietly() {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing was left to send; the primary sees the connection end either way
    }
  }
}
