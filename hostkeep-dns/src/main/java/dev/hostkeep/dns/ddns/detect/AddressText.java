package dev.hostkeep.dns.ddns.detect;

import dev.hostkeep.dns.record.RecordValues;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.xbill.DNS.Address;

/**
 * Turns what a source printed into an address, or says why it is not one. Only a bare literal of
 * the asked family that is globally routable passes; nothing is ever looked up, so a source that
 * prints a host name cannot make hostkeep resolve it.
 */
final class AddressText {
  private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
  private static final int SHOWN = 40;

  private AddressText() {}

  /** The address {@code text} holds, surrounding whitespace aside. */
  static InetAddress parse(String text, Family family) throws SourceProblem {
    String bare = text.strip();
    if (bare.isEmpty()) {
      throw new SourceProblem("answered nothing");
    }
    if (bare.startsWith("<") || bare.toLowerCase(Locale.ROOT).contains("<html")) {
      throw new SourceProblem("answered an HTML page, not a bare address: " + shown(bare));
    }
    Optional<InetAddress> literal = literal(bare);
    if (literal.isEmpty()) {
      throw new SourceProblem("answered " + shown(bare) + ", not a bare " + family + " address");
    }
    InetAddress address = literal.get();
    if (!family.holds(address)) {
      throw new SourceProblem(
          "answered "
              + RecordValues.format(address)
              + ", an "
              + Family.of(address)
              + " address where "
              + family
              + " was asked for");
    }
    Optional<String> special = GlobalAddresses.problem(address);
    if (special.isPresent()) {
      throw new SourceProblem(
          "answered "
              + RecordValues.format(address)
              + ", which is not globally routable ("
              + special.get()
              + ")");
    }
    return address;
  }

  /** The address {@code text} spells, with no DNS lookup; empty when it is not a literal. */
  static Optional<InetAddress> literal(String text) {
    if (!LITERAL.matcher(text).matches()) {
      return Optional.empty();
    }
    int family = text.contains(":") ? Address.IPv6 : Address.IPv4;
    byte[] bytes = Address.toByteArray(text, family);
    if (bytes == null) {
      return Optional.empty();
    }
    try {
      // getByAddress keeps an IPv4-mapped IPv6 literal as IPv4; the family check then refuses it.
      return Optional.of(InetAddress.getByAddress(bytes));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static String shown(String text) {
    String line = text.replaceAll("\\s+", " ");
    return "'" + (line.length() > SHOWN ? line.substring(0, SHOWN) + "..." : line) + "'";
  }
}
