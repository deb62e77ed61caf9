package dev.hostkeep.dns.ddns.detect;

import dev.hostkeep.dns.record.RecordValues;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * A fixed interface part to put on a detected IPv6 prefix, for a host whose delegated prefix
 * changes while its interface id does not: with suffix {@code ::11:22ff:fe33:4455} and prefix
 * length 64, a detected {@code 2001:db8:aaaa:bbbb::1} becomes {@code
 * 2001:db8:aaaa:bbbb:11:22ff:fe33:4455}. The suffix may set no bit inside the prefix.
 */
public final class Ipv6Suffix {
  public static final int DEFAULT_PREFIX_LENGTH = 64;

  private final byte[] suffix;
  private final int prefixLength;

  private Ipv6Suffix(byte[] suffix, int prefixLength) {
    this.suffix = suffix;
    this.prefixLength = prefixLength;
  }

  /**
   * A suffix as {@link #toString()} writes it, {@code ::11:22ff:fe33:4455/56}; without {@code /N}
   * the prefix is a /64.
   */
  public static Ipv6Suffix parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      return parse(text, DEFAULT_PREFIX_LENGTH);
    }
    String length = text.substring(slash + 1).strip();
    if (!length.matches("\\d{1,3}")) {
      throw new IllegalArgumentException(
          "IPv6 suffix '"
              + text
              + "' must end in a prefix length such as /64, got '/"
              + length
              + "'");
    }
    return parse(text.substring(0, slash), Integer.parseInt(length));
  }

  /**
   * Reads {@code text}, an IPv6 address whose prefix bits are zero ({@code ::11:22ff:fe33:4455});
   * the leading {@code ::} may be left out ({@code 11:22ff:fe33:4455}).
   *
   * @throws IllegalArgumentException saying what is wrong with {@code text} or {@code prefixLength}
   */
  public static Ipv6Suffix parse(String text, int prefixLength) {
    if (prefixLength < 1 || prefixLength > 127) {
      throw new IllegalArgumentException(
          "an IPv6 prefix length must be between 1 and 127, got " + prefixLength);
    }
    String bare = text.strip();
    String spelled =
        bare.contains("::") || bare.chars().filter(c -> c == ':').count() == 7 ? bare : "::" + bare;
    Optional<InetAddress> address = AddressText.literal(spelled);
    if (address.isEmpty() || !(address.get() instanceof Inet6Address)) {
      throw new IllegalArgumentException(
          "IPv6 suffix '" + text + "' is not an IPv6 interface id such as ::11:22ff:fe33:4455");
    }
    byte[] bytes = address.get().getAddress();
    if (Arrays.equals(bytes, new byte[16])) {
      throw new IllegalArgumentException("IPv6 suffix '" + text + "' is all zeros");
    }
    for (int bit = 0; bit < prefixLength; bit++) {
      if ((bytes[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
        throw new IllegalArgumentException(
            "IPv6 suffix '"
                + text
                + "' sets bits inside the /"
                + prefixLength
                + " prefix; only the last "
                + (128 - prefixLength)
                + " bits may be set");
      }
    }
    return new Ipv6Suffix(bytes, prefixLength);
  }

  /** The detected address's first {@code prefixLength} bits followed by this suffix. */
  public InetAddress apply(InetAddress detected) {
    if (!(detected instanceof Inet6Address)) {
      throw new IllegalArgumentException(
          "an IPv6 suffix applies to an IPv6 address, not " + detected.getHostAddress());
    }
    byte[] out = detected.getAddress();
    for (int bit = prefixLength; bit < 128; bit++) {
      int mask = 0x80 >>> (bit % 8);
      out[bit / 8] = (byte) ((out[bit / 8] & ~mask) | (suffix[bit / 8] & mask));
    }
    try {
      return InetAddress.getByAddress(out);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("16 bytes are always an IPv6 address", e);
    }
  }

  public int prefixLength() {
    return prefixLength;
  }

  /** The suffix as an address, e.g. {@code ::11:22ff:fe33:4455}. */
  public InetAddress suffix() {
    try {
      return InetAddress.getByAddress(suffix);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Ipv6Suffix that
        && prefixLength == that.prefixLength
        && Arrays.equals(suffix, that.suffix);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(suffix) + prefixLength;
  }

  /** {@code ::11:22ff:fe33:4455/64}: the suffix and the prefix length it follows. */
  @Override
  public String toString() {
    try {
      return RecordValues.format(InetAddress.getByAddress(suffix)) + "/" + prefixLength;
    } catch (UnknownHostException e) {
      throw new IllegalStateException("16 bytes are always an IPv6 address", e);
    }
  }
}
