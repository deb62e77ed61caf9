package dev.hostkeep.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Whether a real DNS server on loopback serves a zone, asked as a resolver would (SOA, no
 * recursion), and waits with a deadline for a server to start or stop serving one.
 */
public final class Served {
  private static final Duration POLL = Duration.ofMillis(100);

  private Served() {}

  /** Whether 127.0.0.1:{@code port} answers the SOA of {@code zone} authoritatively. */
  public static boolean soa(int port, String zone) {
    try {
      SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", port));
      resolver.setTimeout(Duration.ofMillis(500));
      Message query =
          Message.newQuery(
              org.xbill.DNS.Record.newRecord(Name.fromString(zone + "."), Type.SOA, DClass.IN));
      query.getHeader().unsetFlag(Flags.RD);
      Message answer = resolver.send(query);
      return answer.getRcode() == Rcode.NOERROR
          && answer.getHeader().getFlag(Flags.AA)
          && answer.getSection(Section.ANSWER).stream().anyMatch(r -> r.getType() == Type.SOA);
    } catch (TextParseException e) {
      throw new IllegalArgumentException(zone, e);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Polls until 127.0.0.1:{@code port} does ({@code served}) or does not serve {@code zone};
   * returns whether that happened before {@code timeout}.
   */
  public static boolean await(int port, String zone, boolean served, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (soa(port, zone) == served) {
        return true;
      }
      try {
        Thread.sleep(POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return soa(port, zone) == served;
  }
}
