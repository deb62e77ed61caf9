package dev.hostkeep.dns.ddns.detect;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * A DNS server that answers a special name with the address the query came from, such as OpenDNS's
 * {@code myip.opendns.com} (A or AAAA) or Google's {@code o-o.myaddr.l.google.com} (TXT). The
 * server is asked over the family being detected, since that is the address it echoes.
 */
record DnsSource(String server, int port, Name name, int type) implements AddressSource {
  @Override
  public String describe() {
    String at = port == 53 ? server : server + " port " + port;
    return "dns " + name.toString(true) + " " + Type.string(type) + " @" + at;
  }

  @Override
  public InetAddress detect(Family family, Duration timeout)
      throws SourceProblem, InterruptedException {
    Message reply;
    try {
      SimpleResolver resolver =
          new SimpleResolver(new InetSocketAddress(serverAddress(family), port));
      resolver.setTimeout(timeout);
      reply = resolver.send(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
    } catch (IOException e) {
      throw new SourceProblem("no answer from " + server + ": " + e.getMessage());
    }
    if (reply.getRcode() != Rcode.NOERROR) {
      throw new SourceProblem(server + " answered " + Rcode.string(reply.getRcode()));
    }
    List<String> candidates = new ArrayList<>();
    for (Record record : reply.getSection(Section.ANSWER)) {
      switch (record) {
        case ARecord a when type == Type.A -> candidates.add(a.getAddress().getHostAddress());
        case AAAARecord a when type == Type.AAAA -> candidates.add(a.getAddress().getHostAddress());
        case TXTRecord txt when type == Type.TXT -> candidates.addAll(txt.getStrings());
        default -> {}
      }
    }
    if (candidates.isEmpty()) {
      throw new SourceProblem(server + " has no " + Type.string(type) + " record for " + name);
    }
    // Google's TXT answer may carry an edns0-client-subnet string beside the address.
    SourceProblem first = null;
    for (String candidate : candidates) {
      try {
        return AddressText.parse(candidate, family);
      } catch (SourceProblem problem) {
        first = first == null ? problem : first;
      }
    }
    throw first;
  }

  /** The server's address in {@code family} when it has one, else any of its addresses. */
  private InetAddress serverAddress(Family family) throws SourceProblem {
    var literal = AddressText.literal(server);
    if (literal.isPresent()) {
      return literal.get();
    }
    try {
      InetAddress[] all = InetAddress.getAllByName(server);
      return Arrays.stream(all).filter(family::holds).findFirst().orElse(all[0]);
    } catch (UnknownHostException e) {
      throw new SourceProblem("could not resolve the DNS server " + server);
    }
  }
}
