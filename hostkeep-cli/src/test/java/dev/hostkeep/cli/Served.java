package dev.hostkeep.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** What a DNS server on loopback answers, asked without recursion as a resolver would. */
final class Served {
  private Served() {}

  static List<String> values(int port, String name, String type) {
    int rrType = Type.value(type);
    return answer(port, name, rrType).stream()
        .filter(r -> r.getType() == rrType)
        .map(Record::rdataToString)
        .toList();
  }

  static long serial(int port, String zone) {
    return answer(port, zone, Type.SOA).stream()
        .filter(SOARecord.class::isInstance)
        .mapToLong(r -> ((SOARecord) r).getSerial())
        .findFirst()
        .orElseThrow();
  }

  private static List<Record> answer(int port, String name, int type) {
    try {
      SimpleResolver resolver = new SimpleResolver("127.0.0.1");
      resolver.setPort(port);
      Message query =
          Message.newQuery(Record.newRecord(Name.fromString(name + "."), type, DClass.IN));
      query.getHeader().unsetFlag(Flags.RD);
      return resolver.send(query).getSection(Section.ANSWER);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
