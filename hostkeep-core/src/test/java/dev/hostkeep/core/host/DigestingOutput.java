package dev.hostkeep.core.host;

import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Counts and digests what is written to it, keeping none of it. */
final class DigestingOutput extends OutputStream {
  private final MessageDigest digest = GeneratedInput.sha256();
  private long count;

  @Override
  public void write(int b) {
    digest.update((byte) b);
    count++;
  }

  @Override
  public void write(byte[] buffer, int offset, int length) {
    digest.update(buffer, offset, length);
    count += length;
  }

  long count() {
    return count;
  }

  String sha256Hex() {
    return HexFormat.of().formatHex(digest.digest());
  }
}
