package dev.hostkeep.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Asks a DNS server on loopback for a zone's SOA over UDP with a hand-built packet: readiness polls
 * stay in-process instead of starting {@code dig} every few milliseconds.
 */
final class DnsProbe {
  private static final int SOA = 6;
  private static final int IN = 1;
  private static final int TIMEOUT_MILLIS = 250;

  private DnsProbe() {}

  /** The header of a server's reply. */
  record Reply(int rcode, boolean authoritative, int answers) {
    /** Whether the server answered authoritatively with the SOA. */
    boolean hasSoa() {
      return rcode == 0 && authoritative && answers > 0;
    }
  }

  /** The reply to a SOA query for {@code zone}, or empty when nothing answered in time. */
  static Optional<Reply> soa(int port, String zone) {
    int id = ThreadLocalRandom.current().nextInt(0x10000);
    byte[] query = query(id, zone);
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(TIMEOUT_MILLIS);
      InetAddress loopback = InetAddress.getLoopbackAddress();
      socket.send(new DatagramPacket(query, query.length, loopback, port));
      byte[] buffer = new byte[4096];
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      socket.receive(packet);
      return parse(id, ByteBuffer.wrap(buffer, 0, packet.getLength()));
    } catch (IOException e) {
      return Optional.empty(); // not listening yet, or no answer in time
    }
  }

  private static byte[] query(int id, String zone) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeShort(out, id);
    writeShort(out, 0); // standard query, no recursion wanted
    writeShort(out, 1); // one question
    writeShort(out, 0);
    writeShort(out, 0);
    writeShort(out, 0);
    for (String label : zone.split("\\.")) {
      if (label.isEmpty()) {
        continue;
      }
      byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
      out.write(bytes.length);
      out.writeBytes(bytes);
    }
    out.write(0);
    writeShort(out, SOA);
    writeShort(out, IN);
    return out.toByteArray();
  }

  private static Optional<Reply> parse(int id, ByteBuffer reply) {
    if (reply.remaining() < 12 || (reply.getShort(0) & 0xffff) != id) {
      return Optional.empty();
    }
    int flags = reply.getShort(2) & 0xffff;
    boolean isResponse = (flags & 0x8000) != 0;
    if (!isResponse) {
      return Optional.empty();
    }
    return Optional.of(
        new Reply(flags & 0x000f, (flags & 0x0400) != 0, reply.getShort(6) & 0xffff));
  }

  private static void writeShort(ByteArrayOutputStream out, int value) {
    out.write((value >>> 8) & 0xff);
    out.write(value & 0xff);
  }
}
