package dev.hostkeep.backup.repo;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * restic's authenticated encryption: {@code IV ‖ AES-256-CTR(plaintext) ‖ Poly1305-AES(ciphertext)}
 * with a 16-byte random IV that is also the MAC nonce. One key encrypts every object of a
 * repository; key files wrap it for each password. Safe to share between threads.
 *
 * <p>AES-CTR is the JDK's, which runs on the CPU's vector AES instructions (13 GB/s here) in code
 * the optimising compiler made for its callers; the launcher has that code made early for the
 * commands that move data (see {@code bin/hostkeep}).
 */
public final class MasterKey {
  /** Bytes an encrypted object has beyond its plaintext. */
  public static final int OVERHEAD = 32;

  private static final int IV = 16;
  private static final int MAC = 16;
  private static final ThreadLocal<Cipher> AES_CTR =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Cipher.getInstance("AES/CTR/NoPadding");
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("this JVM has no AES-CTR", e);
            }
          });
  private static final ThreadLocal<Poly1305Aes> POLY = ThreadLocal.withInitial(Poly1305Aes::create);

  private final SecretKeySpec encryption;
  private final SecretKeySpec macK; // the AES key that makes each MAC's s from the nonce
  private final byte[] macR;
  private final SecureRandom random;

  MasterKey(byte[] encryption, byte[] macK, byte[] macR, SecureRandom random) {
    if (encryption.length != 32 || macK.length != 16 || macR.length != 16) {
      throw new RepositoryException("the key has the wrong size; is this a restic repository?");
    }
    this.encryption = new SecretKeySpec(encryption, "AES");
    this.macK = new SecretKeySpec(macK, "AES");
    this.macR = macR.clone();
    this.random = random;
  }

  /** A fresh random key, for a new repository. */
  static MasterKey random(SecureRandom random) {
    byte[] all = new byte[64];
    random.nextBytes(all);
    return of(all, random);
  }

  /** The layout scrypt's 64 bytes have: AES key, then Poly1305 {@code k}, then {@code r}. */
  static MasterKey of(byte[] sixtyFour, SecureRandom random) {
    return new MasterKey(
        Arrays.copyOfRange(sixtyFour, 0, 32),
        Arrays.copyOfRange(sixtyFour, 32, 48),
        Arrays.copyOfRange(sixtyFour, 48, 64),
        random);
  }

  byte[] encryptionKey() {
    return encryption.getEncoded();
  }

  byte[] macK() {
    return macK.getEncoded();
  }

  byte[] macR() {
    return macR.clone();
  }

  /** The sealed form of {@code plaintext}. */
  public byte[] encrypt(byte[] plaintext) {
    return encrypt(plaintext, 0, plaintext.length);
  }

  public byte[] encrypt(byte[] plaintext, int offset, int length) {
    byte[] out = new byte[length + OVERHEAD];
    encryptInto(plaintext, offset, length, out, 0);
    return out;
  }

  /** Seals {@code plaintext} into {@code out} at {@code at}; writes {@code length + 32} bytes. */
  private void encryptInto(byte[] plaintext, int offset, int length, byte[] out, int at) {
    byte[] iv = new byte[IV];
    random.nextBytes(iv);
    System.arraycopy(iv, 0, out, at, IV);
    ctr(iv, plaintext, offset, length, out, at + IV);
    POLY.get().mac(macK, macR, iv, out, at + IV, length, out, at + IV + length);
  }

  /** Where {@link #seal} puts what it makes, in order. */
  @FunctionalInterface
  public interface Sink {
    void write(byte[] bytes, int offset, int length);
  }

  /**
   * Seals {@code data[offset..+length)} a piece at a time through {@code scratch} into {@code out}:
   * the same {@code length + 32} bytes {@link #encryptInto} writes, without a buffer that holds
   * them all.
   */
  public void seal(byte[] data, int offset, int length, byte[] scratch, Sink out) {
    byte[] iv = new byte[IV];
    random.nextBytes(iv);
    out.write(iv, 0, IV);
    Cipher cipher = AES_CTR.get();
    Poly1305Aes mac = POLY.get();
    try {
      cipher.init(Cipher.ENCRYPT_MODE, encryption, new IvParameterSpec(iv));
      mac.start(macK, macR, iv);
      for (int done = 0; done < length; ) {
        int piece = Math.min(scratch.length, length - done);
        int made = cipher.update(data, offset + done, piece, scratch, 0);
        if (made != piece) {
          throw new IllegalStateException("AES-CTR gave " + made + " bytes for " + piece);
        }
        mac.update(scratch, 0, piece);
        out.write(scratch, 0, piece);
        done += piece;
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CTR failed", e);
    }
    byte[] tag = new byte[MAC];
    mac.finish(tag, 0);
    out.write(tag, 0, MAC);
  }

  /** The plaintext of a sealed object; a wrong key or damaged bytes fail the MAC check. */
  public byte[] decrypt(byte[] sealed) {
    return decrypt(sealed, 0, sealed.length);
  }

  public byte[] decrypt(byte[] sealed, int offset, int length) {
    byte[] plain = new byte[Math.max(0, length - OVERHEAD)];
    decryptInto(sealed, offset, length, plain);
    return plain;
  }

  /**
   * Verifies and decrypts the sealed object at {@code offset} into {@code out} from its start,
   * which must hold {@code length - 32} bytes; returns that length.
   */
  public int decryptInto(byte[] sealed, int offset, int length, byte[] out) {
    if (length < OVERHEAD) {
      throw new RepositoryException(
          "an encrypted object of " + length + " bytes is too short (at least 32 expected)");
    }
    byte[] iv = Arrays.copyOfRange(sealed, offset, offset + IV);
    int ctLength = length - OVERHEAD;
    byte[] expected = new byte[MAC];
    POLY.get().mac(macK, macR, iv, sealed, offset + IV, ctLength, expected, 0);
    if (!MessageDigest.isEqual(
        expected, Arrays.copyOfRange(sealed, offset + IV + ctLength, offset + length))) {
      throw new MacMismatchException();
    }
    ctr(iv, sealed, offset + IV, ctLength, out, 0);
    return ctLength;
  }

  /** AES-256-CTR from counter {@code iv} (a 128-bit big-endian counter, as restic's). */
  private void ctr(byte[] iv, byte[] in, int offset, int length, byte[] out, int at) {
    Cipher cipher = AES_CTR.get();
    try {
      cipher.init(Cipher.ENCRYPT_MODE, encryption, new IvParameterSpec(iv));
      cipher.doFinal(in, offset, length, out, at);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CTR failed", e);
    }
  }

  /** The MAC did not verify: the wrong key, or the bytes were changed. */
  public static final class MacMismatchException extends RuntimeException {
    MacMismatchException() {
      super("ciphertext verification failed (wrong key or damaged data)");
    }
  }
}
