package dev.hostkeep.dns.record;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Record values in the one text form hostkeep stores and compares: addresses as RFC 5952 text (IPv6
 * compressed, lower case), so {@code 2001:db8:0:0:0:0:0:1} from one provider equals {@code
 * 2001:db8::1} from another.
 */
public final class RecordValues {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private RecordValues() {}

  public static String format(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return address.getHostAddress();
    }
    byte[] bytes = address.getAddress();
    int[] words = new int[8];
    for (int i = 0; i < 8; i++) {
      words[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1; // a single zero word is not compressed (RFC 5952 4.2.2)
    for (int i = 0; i < 8; ) {
      if (words[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && words[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(words[i]));
    }
    return out.toString();
  }

  /**
   * {@code text} in the canonical form when it is an IP address literal, else {@code text} as given
   * (so values a provider returns in another spelling compare equal to ours).
   */
  public static String canonical(String text) {
    String trimmed = text.strip();
    boolean literal = trimmed.indexOf(':') >= 0 || IPV4.matcher(trimmed).matches();
    if (!literal) {
      return trimmed; // never a name: getByName would resolve it
    }
    try {
      return format(InetAddress.getByName(trimmed)).toLowerCase(Locale.ROOT);
    } catch (UnknownHostException e) {
      return trimmed;
    }
  }
}
