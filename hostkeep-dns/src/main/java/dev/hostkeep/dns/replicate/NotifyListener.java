package dev.hostkeep.dns.replicate;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Takes DNS NOTIFY messages (RFC 1996) on UDP and TCP, the way a secondary does: a NOTIFY for one
 * of {@code zones} from an allowed address is answered NOERROR and handed to the handler; one for
 * another zone is answered NOTAUTH, one from anyone else REFUSED, anything but a NOTIFY NOTIMP. The
 * handler is called on the listener's thread and must return quickly (queue the zone).
 */
public final class NotifyListener implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NotifyListener.class);

  /** Receives each accepted NOTIFY: the zone (normalised, no trailing dot). */
  @FunctionalInterface
  public interface Handler {
    void notified(String zone);
  }

  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final Set<String> zones;
  private final List<InetAddress> allow;
  private final Handler handler;
  private final List<Thread> threads = new ArrayList<>();

  private NotifyListener(
      DatagramSocket udp,
      ServerSocket tcp,
      Set<String> zones,
      List<InetAddress> allow,
      Handler handler) {
    this.udp = udp;
    this.tcp = tcp;
    this.zones = Set.copyOf(zones);
    this.allow = List.copyOf(allow);
    this.handler = handler;
  }

  /**
   * Binds {@code host:port} on UDP and TCP and starts answering. {@code allow} lists the addresses
   * NOTIFY is taken from (IP addresses or host names).
   */
  public static NotifyListener start(
      String host, int port, Set<String> zones, List<String> allow, Handler handler)
      throws IOException {
    List<InetAddress> allowed = new ArrayList<>();
    for (String entry : allow) {
      allowed.add(InetAddress.getByName(entry.strip()));
    }
    InetSocketAddress address = new InetSocketAddress(host, port);
    DatagramSocket udp = new DatagramSocket(address);
    ServerSocket tcp;
    try {
      tcp = new ServerSocket();
      tcp.setReuseAddress(true);
      tcp.bind(new InetSocketAddress(address.getAddress(), udp.getLocalPort())); // same port
    } catch (IOException e) {
      udp.close();
      throw e;
    }
    NotifyListener listener = new NotifyListener(udp, tcp, zones, allowed, handler);
    listener.thread("hostkeep-notify-udp", listener::serveUdp);
    listener.thread("hostkeep-notify-tcp", listener::serveTcp);
    return listener;
  }

  /** The UDP/TCP port it listens on (the configured one, or the one picked for port 0). */
  public int port() {
    return udp.getLocalPort();
  }

  private void thread(String name, Runnable body) {
    Thread thread = Thread.ofPlatform().daemon().name(name).start(body);
    threads.add(thread);
  }

  private void serveUdp() {
    byte[] buffer = new byte[65_535];
    while (!udp.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        udp.receive(packet);
        byte[] query = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
        byte[] reply = answer(query, packet.getAddress());
        if (reply != null) {
          udp.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
        }
      } catch (IOException e) {
        if (!udp.isClosed()) {
          log.warn("NOTIFY listener (UDP): {}", e.getMessage());
        }
      }
    }
  }

  private void serveTcp() {
    while (!tcp.isClosed()) {
      try (Socket socket = tcp.accept()) {
        socket.setSoTimeout(5_000);
        DataInputStream in = new DataInputStream(socket.getInputStream());
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        byte[] query = new byte[in.readUnsignedShort()];
        in.readFully(query);
        byte[] reply = answer(query, socket.getInetAddress());
        if (reply != null) {
          out.writeShort(reply.length);
          out.write(reply);
          out.flush();
        }
      } catch (IOException e) {
        if (!tcp.isClosed()) {
          log.warn("NOTIFY listener (TCP): {}", e.getMessage());
        }
      }
    }
  }

  /** The reply to {@code query} from {@code from}, or null for garbage (dropped, as servers do). */
  byte[] answer(byte[] query, InetAddress from) {
    Message message;
    try {
      message = new Message(query);
    } catch (IOException e) {
      log.info("NOTIFY listener: dropped a malformed message from {}", from.getHostAddress());
      return null;
    }
    if (message.getHeader().getFlag(Flags.QR)) {
      return null;
    }
    Record question = message.getQuestion();
    Message reply = new Message(message.getHeader().getID());
    reply.getHeader().setFlag(Flags.QR);
    reply.getHeader().setOpcode(message.getHeader().getOpcode());
    if (question != null) {
      reply.addRecord(question, Section.QUESTION);
    }
    if (message.getHeader().getOpcode() != Opcode.NOTIFY || question == null) {
      reply.getHeader().setRcode(Rcode.NOTIMP);
      return reply.toWire();
    }
    String zone = question.getName().toString(true).toLowerCase(Locale.ROOT);
    if (!allow.contains(from)) {
      log.warn("NOTIFY for {} from {} refused: not in notify.allow", zone, from.getHostAddress());
      reply.getHeader().setRcode(Rcode.REFUSED);
      return reply.toWire();
    }
    if (!zones.contains(zone)) {
      log.info("NOTIFY for {} from {}: not a replicated zone", zone, from.getHostAddress());
      reply.getHeader().setRcode(Rcode.NOTAUTH);
      return reply.toWire();
    }
    reply.getHeader().setFlag(Flags.AA);
    log.info("NOTIFY for {} from {}", zone, from.getHostAddress());
    handler.notified(zone);
    return reply.toWire();
  }

  @Override
  public void close() {
    udp.close();
    try {
      tcp.close();
    } catch (IOException e) {
      // closing: nothing left to do
    }
    for (Thread thread : threads) {
      try {
        thread.join(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
