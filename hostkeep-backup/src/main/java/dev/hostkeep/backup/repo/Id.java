package dev.hostkeep.backup.repo;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The SHA-256 that names everything in a repository: a blob by its plaintext, a file by its stored
 * bytes. Immutable; compares by its bytes, prints as lower-case hex like restic.
 */
public final class Id implements Comparable<Id> {
  private static final HexFormat HEX = HexFormat.of();
  private final byte[] bytes;
  private final int hash;

  private Id(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  /** The id of {@code data}: its SHA-256. */
  public static Id of(byte[] data) {
    return of(data, 0, data.length);
  }

  public static Id of(byte[] data, int offset, int length) {
    MessageDigest sha = sha256();
    sha.update(data, offset, length);
    return new Id(sha.digest());
  }

  /** An id from a finished digest's 32 bytes. */
  public static Id ofDigest(byte[] digest) {
    if (digest.length != 32) {
      throw new IllegalArgumentException("an id is 32 bytes, not " + digest.length);
    }
    return new Id(digest.clone());
  }

  /** Parses 64 hex digits; anything else is an {@link IllegalArgumentException} naming it. */
  public static Id parse(String hex) {
    if (hex == null || hex.length() != 64) {
      throw new IllegalArgumentException("'" + hex + "' is not an id (64 hex digits)");
    }
    try {
      return new Id(HEX.parseHex(hex.toLowerCase(java.util.Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + hex + "' is not an id (64 hex digits)");
    }
  }

  /** Whether {@code hex} is a well-formed id, for skipping stray files in listings. */
  public static boolean isId(String hex) {
    if (hex.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = hex.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  /** Bytes {@code 8i..8i+7} as a big-endian long, {@code i} from 0 to 3 (for compact tables). */
  long word(int i) {
    return (long) WORDS.get(bytes, 8 * i);
  }

  private static final VarHandle WORDS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  /** The first eight hex digits, as restic prints ids in tables. */
  public String shortForm() {
    return toString().substring(0, 8);
  }

  @Override
  public String toString() {
    return HEX.formatHex(bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Id id && Arrays.equals(bytes, id.bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public int compareTo(Id other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }
}
