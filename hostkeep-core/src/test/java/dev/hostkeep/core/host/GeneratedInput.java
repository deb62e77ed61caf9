package dev.hostkeep.core.host;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/** {@code size} pseudo-random bytes made as they are read, never held whole; digests them too. */
final class GeneratedInput extends InputStream {
  private final Random random;
  private final MessageDigest digest = sha256();
  private long remaining;

  GeneratedInput(long seed, long size) {
    this.random = new Random(seed);
    this.remaining = size;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) {
    if (remaining == 0) {
      return -1;
    }
    int n = (int) Math.min(length, remaining);
    byte[] chunk = new byte[n];
    random.nextBytes(chunk);
    System.arraycopy(chunk, 0, buffer, offset, n);
    digest.update(chunk);
    remaining -= n;
    return n;
  }

  String sha256Hex() {
    return HexFormat.of().formatHex(digest.digest());
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
