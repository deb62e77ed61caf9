package dev.hostkeep.dns.replicate;

import java.util.List;
import org.xbill.DNS.Record;
import org.xbill.DNS.SPFRecord;
import org.xbill.DNS.TXTRecord;

/**
 * Record data in one presentation form, whoever produced it: dnsjava's, except that TXT and SPF
 * strings are always quoted (dnsjava leaves a single word bare, which PowerDNS rejects and which
 * would make {@code panel-token} and {@code "panel-token"} look different).
 */
public final class Presentation {
  private Presentation() {}

  public static String of(Record record) {
    List<String> strings =
        record instanceof TXTRecord txt
            ? txt.getStrings()
            : record instanceof SPFRecord spf ? spf.getStrings() : null;
    if (strings != null) {
      StringBuilder out = new StringBuilder();
      for (String string : strings) {
        if (!out.isEmpty()) {
          out.append(' ');
        }
        out.append('"').append(string.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
      }
      return out.toString();
    }
    return record.rdataToString();
  }
}
