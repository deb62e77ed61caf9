package dev.hostkeep.testkit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The "HMAC-SHA1 1.0" signature as {@link FakeAlidns} checks it, written the way Aliyun's own SDKs
 * do (form encoding patched to RFC 3986) and on purpose not sharing code with hostkeep's signer.
 */
final class FakeAlidnsSigner {
  private FakeAlidnsSigner() {}

  static String stringToSign(String method, Map<String, String> params) {
    TreeMap<String, String> sorted = new TreeMap<>();
    for (Map.Entry<String, String> e : params.entrySet()) {
      if (!e.getKey().equals("Signature")) {
        sorted.put(percent(e.getKey()), percent(e.getValue()));
      }
    }
    StringJoiner query = new StringJoiner("&");
    sorted.forEach((name, value) -> query.add(name + "=" + value));
    return method + "&" + percent("/") + "&" + percent(query.toString());
  }

  static String signature(String secret, String stringToSign) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec((secret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Compares in constant time, as a server must. */
  static boolean matches(String expected, String given) {
    return given != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  static String percent(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("*", "%2A")
        .replace("%7E", "~");
  }
}
