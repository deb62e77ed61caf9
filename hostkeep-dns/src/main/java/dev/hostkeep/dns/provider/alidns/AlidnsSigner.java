package dev.hostkeep.dns.provider.alidns;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Aliyun's RPC signature "HMAC-SHA1 1.0": names and values percent-encoded per RFC 3986, pairs
 * sorted by encoded name in byte order, {@code METHOD&%2F&enc(canonical query)} signed with
 * HMAC-SHA1 under {@code AccessKeySecret + "&"}, Base64.
 */
final class AlidnsSigner {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private AlidnsSigner() {}

  /**
   * The Base64 signature of {@code params} (without {@code Signature}) sent with {@code method}.
   */
  static String sign(String secret, String method, Map<String, String> params) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      byte[] key = (secret + "&").getBytes(StandardCharsets.UTF_8);
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      byte[] digest = mac.doFinal(stringToSign(method, params).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA1 is not available", e);
    }
  }

  /** {@code GET&%2F&AccessKeyId%3D...}: what is signed. */
  static String stringToSign(String method, Map<String, String> params) {
    return method + "&" + encode("/") + "&" + encode(canonicalQuery(params));
  }

  /** The encoded pairs sorted by encoded name, joined by {@code &}; also the form body sent. */
  static String canonicalQuery(Map<String, String> params) {
    Map<String, String> sorted = new TreeMap<>();
    params.forEach(
        (name, value) -> {
          if (!name.equals("Signature")) {
            sorted.put(encode(name), encode(value));
          }
        });
    return sorted.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("&"));
  }

  /**
   * RFC 3986 percent-encoding of the UTF-8 bytes: only {@code A-Z a-z 0-9 - _ . ~} stay; space is
   * {@code %20}, {@code *} is {@code %2A}, {@code :} is {@code %3A}.
   */
  static String encode(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (unreserved(c)) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return out.toString();
  }

  private static boolean unreserved(int c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_'
        || c == '.'
        || c == '~';
  }
}
