package dev.hostkeep.testkit;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs S3 requests with AWS Signature Version 4 (header form, path-style URLs, no query string):
 * just enough for the testkit to set up buckets without the AWS SDK.
 */
final class SigV4Signer {
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final HexFormat HEX = HexFormat.of();

  private final String accessKey;
  private final String secretKey;
  private final String region;
  private final Clock clock;

  SigV4Signer(String accessKey, String secretKey, String region, Clock clock) {
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.region = region;
    this.clock = clock;
  }

  /** The headers to add to a {@code method} request for {@code uri} carrying {@code body}. */
  Map<String, String> headers(String method, URI uri, byte[] body) {
    if (uri.getRawQuery() != null) {
      throw new IllegalArgumentException("query strings are not supported: " + uri);
    }
    String amzDate = AMZ_DATE.format(clock.instant());
    String scope = amzDate.substring(0, 8) + "/" + region + "/s3/aws4_request";
    String payloadHash = HEX.formatHex(sha256(body));
    String host = uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    String signedHeaders = "host;x-amz-content-sha256;x-amz-date";
    String canonicalRequest =
        String.join(
            "\n",
            method,
            uri.getRawPath().isEmpty() ? "/" : uri.getRawPath(),
            "",
            "host:" + host,
            "x-amz-content-sha256:" + payloadHash,
            "x-amz-date:" + amzDate,
            "",
            signedHeaders,
            payloadHash);
    String stringToSign =
        String.join(
            "\n",
            "AWS4-HMAC-SHA256",
            amzDate,
            scope,
            HEX.formatHex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8))));
    String signature = HEX.formatHex(hmac(signingKey(amzDate.substring(0, 8)), stringToSign));
    String authorization =
        "AWS4-HMAC-SHA256 Credential=%s/%s, SignedHeaders=%s, Signature=%s"
            .formatted(accessKey, scope, signedHeaders, signature);
    return Map.of(
        "Authorization", authorization,
        "x-amz-date", amzDate,
        "x-amz-content-sha256", payloadHash);
  }

  private byte[] signingKey(String date) {
    byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
    key = hmac(key, region);
    key = hmac(key, "s3");
    return hmac(key, "aws4_request");
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
