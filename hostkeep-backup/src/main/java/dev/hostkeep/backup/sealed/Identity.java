package dev.hostkeep.backup.sealed;

import dev.hostkeep.core.HostkeepException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;

/**
 * OpenPGP secret keys that open sealed archives ({@code gpg --export-secret-keys --armor}), with
 * their passphrase if they have one. Only the machine that restores needs this; the hosts and the
 * node that back up hold public keys alone.
 */
public final class Identity {
  private final PGPSecretKeyRingCollection rings;
  private final char[] passphrase;

  private Identity(PGPSecretKeyRingCollection rings, char[] passphrase) {
    this.rings = rings;
    this.passphrase = passphrase;
  }

  /**
   * Reads secret keys, armored or binary.
   *
   * @param passphrase the keys' passphrase, or null when they have none
   */
  public static Identity parse(byte[] text, char[] passphrase, String what) {
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(text))) {
      PGPSecretKeyRingCollection rings =
          new PGPSecretKeyRingCollection(in, new JcaKeyFingerprintCalculator());
      if (rings.size() == 0) {
        throw HostkeepException.usage(what + " holds no OpenPGP secret key");
      }
      return new Identity(rings, passphrase == null ? new char[0] : passphrase.clone());
    } catch (IOException | PGPException | RuntimeException e) {
      if (e instanceof HostkeepException known) {
        throw known;
      }
      throw HostkeepException.usage(
          what
              + " is not an OpenPGP secret key (export one with `gpg --export-secret-keys"
              + " --armor ID`)");
    }
  }

  /** The private key with this key id, unlocked, or null when the identity lacks it. */
  PGPPrivateKey privateKey(long keyId) {
    PGPSecretKey secret = rings.getSecretKey(keyId);
    if (secret == null) {
      return null;
    }
    try {
      return secret.extractPrivateKey(
          new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider())
              .build(passphrase));
    } catch (PGPException e) {
      throw HostkeepException.usage(
          "cannot unlock the secret key "
              + Long.toHexString(keyId).toUpperCase(java.util.Locale.ROOT)
              + ": wrong or missing passphrase");
    }
  }

  /** The primary keys' fingerprints, for messages. */
  String describe() {
    List<String> prints = new ArrayList<>();
    for (Iterator<PGPSecretKeyRing> it = rings.getKeyRings(); it.hasNext(); ) {
      prints.add(
          HexFormat.of().withUpperCase().formatHex(it.next().getPublicKey().getFingerprint()));
    }
    return String.join(", ", prints);
  }
}
