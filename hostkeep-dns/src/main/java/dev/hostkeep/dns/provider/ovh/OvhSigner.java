package dev.hostkeep.dns.provider.ovh;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * OVH's request signature: {@code "$1$" + hex(sha1(AS+CK+METHOD+URL+BODY+TIMESTAMP))}, the parts
 * joined with {@code +}. The URL is the exact one requested, query included; the body the exact
 * bytes sent (empty when none).
 */
final class OvhSigner {
  private OvhSigner() {}

  static String sign(
      String applicationSecret,
      String consumerKey,
      String method,
      String fullUrl,
      String body,
      long timestamp) {
    String material =
        String.join(
            "+", applicationSecret, consumerKey, method, fullUrl, body, Long.toString(timestamp));
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      return "$1$"
          + HexFormat.of().formatHex(sha1.digest(material.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-1", e);
    }
  }
}
