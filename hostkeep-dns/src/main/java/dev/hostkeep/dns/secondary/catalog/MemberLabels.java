package dev.hostkeep.dns.secondary.catalog;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.xbill.DNS.Name;

/**
 * The label a member zone gets under {@code zones.<catalog>}: the lower-case hex SHA-1 of the
 * member's name in lower-case DNS wire format, as BIND's documentation and Knot's producer do. It
 * is stable (the same zone always gets the same label, so consumers never reset it) and unique in
 * practice.
 */
public final class MemberLabels {
  /** Never updated, only cloned: a clone costs less than a provider look-up per member. */
  private static final MessageDigest SHA1 = sha1();

  private MemberLabels() {}

  /** The label of {@code member}, e.g. {@code 5960775ba382e7a4e09263fc06e7c00569b6a05c}. */
  public static String of(Name member) {
    MessageDigest sha1;
    try {
      sha1 = (MessageDigest) SHA1.clone();
    } catch (CloneNotSupportedException e) {
      sha1 = sha1();
    }
    return HexFormat.of().formatHex(sha1.digest(member.toWireCanonical()));
  }

  private static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-1", e);
    }
  }
}
