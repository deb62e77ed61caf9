package dev.hostkeep.backup.repo;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * restic's authenticated encryption: {@code IV ‖ AES-256-CTR(plaintext) ‖ Poly1305-AES(ciphertext)}
 * with a 16-byte random IV that is also the MAC nonce. One key encrypts every object of a
 * repository; key files wrap it for each password. Safe to share between threads.
 */
public final class MasterKey {
  /** Bytes an encrypted object has beyond its plaintext. */
  public static final int OVERHEAD = 32;

  private static final int IV = 16;
  private static final int MAC = 16;
  private static final ThreadLocal<AesCtr> AES_CTR = ThreadLocal.withInitial(AesCtr::new);
  private static final ThreadLocal<Poly1305> POLY =
      ThreadLocal.withInitial(() -> new Poly1305(AESEngine.newInstance()));

  private final SecretKeySpec encryption;
  private final byte[] macKey; // r ‖ k, the layout Bouncy Castle's Poly1305-AES takes
  private final SecureRandom random;

  MasterKey(byte[] encryption, byte[] macK, byte[] macR, SecureRandom random) {
    if (encryption.length != 32 || macK.length != 16 || macR.length != 16) {
      throw new RepositoryException("the key has the wrong size; is this a restic repository?");
    }
    this.encryption = new SecretKeySpec(encryption, "AES");
    this.macKey = new byte[32];
    System.arraycopy(macR, 0, macKey, 0, 16);
    System.arraycopy(macK, 0, macKey, 16, 16);
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
    return Arrays.copyOfRange(macKey, 16, 32);
  }

  byte[] macR() {
    return Arrays.copyOfRange(macKey, 0, 16);
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
  public void encryptInto(byte[] plaintext, int offset, int length, byte[] out, int at) {
    byte[] iv = new byte[IV];
    random.nextBytes(iv);
    System.arraycopy(iv, 0, out, at, IV);
    AES_CTR.get().apply(encryption, iv, plaintext, offset, length, out, at + IV);
    mac(out, at + IV, length, iv, out, at + IV + length);
  }

  /** The plaintext of a sealed object; a wrong key or damaged bytes fail the MAC check. */
  public byte[] decrypt(byte[] sealed) {
    return decrypt(sealed, 0, sealed.length);
  }

  public byte[] decrypt(byte[] sealed, int offset, int length) {
    if (length < OVERHEAD) {
      throw new RepositoryException(
          "an encrypted object of " + length + " bytes is too short (at least 32 expected)");
    }
    byte[] iv = Arrays.copyOfRange(sealed, offset, offset + IV);
    int ctLength = length - OVERHEAD;
    byte[] expected = new byte[MAC];
    mac(sealed, offset + IV, ctLength, iv, expected, 0);
    if (!MessageDigest.isEqual(
        expected, Arrays.copyOfRange(sealed, offset + IV + ctLength, offset + length))) {
      throw new MacMismatchException();
    }
    byte[] plain = new byte[ctLength];
    AES_CTR.get().apply(encryption, iv, sealed, offset + IV, ctLength, plain, 0);
    return plain;
  }

  private void mac(byte[] data, int offset, int length, byte[] iv, byte[] out, int at) {
    Poly1305 poly = POLY.get();
    poly.init(new ParametersWithIV(new KeyParameter(macKey), iv));
    poly.update(data, offset, length);
    poly.doFinal(out, at);
  }

  /** The MAC did not verify: the wrong key, or the bytes were changed. */
  public static final class MacMismatchException extends RuntimeException {
    MacMismatchException() {
      super("ciphertext verification failed (wrong key or damaged data)");
    }
  }
}
