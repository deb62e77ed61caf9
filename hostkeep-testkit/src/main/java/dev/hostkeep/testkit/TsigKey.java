package dev.hostkeep.testkit;

/**
 * A TSIG key as servers and clients are configured with it.
 *
 * @param name the key's name, e.g. {@code hostkeep-key}
 * @param algorithm the algorithm's name as BIND and Knot write it, e.g. {@code hmac-sha256}
 * @param secret the base64 secret
 */
public record TsigKey(String name, String algorithm, String secret) {

  /** The {@code algorithm:name:secret} notation of {@code nsupdate -y} and {@code dig -y}. */
  public String asAlgorithmNameSecret() {
    return algorithm + ":" + name + ":" + secret;
  }
}
