package dev.hostkeep.backup.sealed;

import dev.hostkeep.core.HostkeepException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;

/**
 * The OpenPGP public keys sealed archives are encrypted to: for each certificate given, its newest
 * valid encryption subkey (or its primary key, when that is the one that encrypts), as {@code gpg
 * --encrypt --recipient} picks it. A certificate with no usable encryption key is refused with its
 * user id, so a signing-only or expired key is found when the config is loaded, not at restore.
 */
public final class Recipients {
  /** One recipient: the key to encrypt to, and how messages and manifests name it. */
  public record Recipient(PGPPublicKey key, String fingerprint, String userId) {}

  private final List<Recipient> recipients;

  private Recipients(List<Recipient> recipients) {
    this.recipients = List.copyOf(recipients);
  }

  public List<Recipient> all() {
    return recipients;
  }

  /** The primary keys' fingerprints, as {@code gpg --list-keys} shows them. */
  public List<String> fingerprints() {
    return recipients.stream().map(Recipient::fingerprint).toList();
  }

  /**
   * Reads the certificates in {@code texts} (ASCII-armored or binary, one or more each).
   *
   * @param what how messages name each text, e.g. its file name; same order as {@code texts}
   */
  public static Recipients parse(List<byte[]> texts, List<String> what, Instant now) {
    List<Recipient> recipients = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      String name = what.get(i);
      PGPPublicKeyRingCollection rings;
      try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(texts.get(i)))) {
        rings = new PGPPublicKeyRingCollection(in, new JcaKeyFingerprintCalculator());
      } catch (IOException | PGPException | RuntimeException e) {
        throw HostkeepException.usage(
            name + " is not an OpenPGP public key (export one with `gpg --export --armor ID`)");
      }
      int before = recipients.size();
      for (Iterator<PGPPublicKeyRing> it = rings.getKeyRings(); it.hasNext(); ) {
        recipients.add(recipient(it.next(), name, now));
      }
      if (recipients.size() == before) {
        throw HostkeepException.usage(name + " holds no OpenPGP public key");
      }
    }
    if (recipients.isEmpty()) {
      throw HostkeepException.usage("a sealed repository needs at least one recipient key");
    }
    return new Recipients(recipients);
  }

  /** Reads one armored or binary certificate from a string, for tests and inline config. */
  public static Recipients parse(String armored, Instant now) {
    return parse(List.of(armored.getBytes(StandardCharsets.UTF_8)), List.of("the key"), now);
  }

  private static Recipient recipient(PGPPublicKeyRing ring, String name, Instant now) {
    PGPPublicKey primary = ring.getPublicKey();
    String fingerprint = HexFormat.of().withUpperCase().formatHex(primary.getFingerprint());
    Iterator<String> ids = primary.getUserIDs();
    String userId = ids.hasNext() ? ids.next() : fingerprint;
    if (primary.hasRevocation()) {
      throw HostkeepException.usage(name + ": the key of " + userId + " is revoked");
    }
    if (expired(primary, now)) {
      throw HostkeepException.usage(name + ": the key of " + userId + " has expired");
    }
    // The newest usable encryption subkey; the primary key only when no subkey will do and its
    // own self-signature allows encryption. gpg's classic RSA key is an RSA primary flagged for
    // signing with an RSA subkey for encryption, often made in the same second: an RSA key can
    // encrypt by its algorithm, but only the subkey's holder may be able to decrypt.
    PGPPublicKey chosen = null;
    for (Iterator<PGPPublicKey> it = ring.getPublicKeys(); it.hasNext(); ) {
      PGPPublicKey key = it.next();
      if (key.isMasterKey()
          || !key.isEncryptionKey()
          || key.hasRevocation()
          || expired(key, now)
          || !allowsEncryption(key.getSignaturesOfType(PGPSignature.SUBKEY_BINDING))) {
        continue;
      }
      if (chosen == null || key.getCreationTime().after(chosen.getCreationTime())) {
        chosen = key;
      }
    }
    if (chosen == null && primary.isEncryptionKey() && allowsEncryption(selfSignatures(primary))) {
      chosen = primary;
    }
    if (chosen == null) {
      throw HostkeepException.usage(
          name + ": the key of " + userId + " has no valid encryption (sub)key");
    }
    return new Recipient(chosen, fingerprint, userId);
  }

  private static boolean expired(PGPPublicKey key, Instant now) {
    long valid = key.getValidSeconds();
    return valid > 0 && key.getCreationTime().toInstant().plusSeconds(valid).isBefore(now);
  }

  /**
   * Whether {@code signatures} (a subkey's bindings, or a primary key's self-signatures) allow
   * encryption: a key flag says so, or no signature carries key flags at all, as in old keys.
   */
  private static boolean allowsEncryption(Iterator<PGPSignature> signatures) {
    boolean anyFlags = false;
    while (signatures.hasNext()) {
      PGPSignature signature = signatures.next();
      if (signature.getHashedSubPackets() == null) {
        continue;
      }
      int flags = signature.getHashedSubPackets().getKeyFlags();
      if (flags != 0) {
        anyFlags = true;
        if ((flags
                & (org.bouncycastle.bcpg.sig.KeyFlags.ENCRYPT_COMMS
                    | org.bouncycastle.bcpg.sig.KeyFlags.ENCRYPT_STORAGE))
            != 0) {
          return true;
        }
      }
    }
    return !anyFlags;
  }

  /** The primary key's signatures over itself: on its user ids, or directly on the key. */
  private static Iterator<PGPSignature> selfSignatures(PGPPublicKey primary) {
    List<PGPSignature> own = new java.util.ArrayList<>();
    for (Iterator<PGPSignature> it = primary.getSignatures(); it.hasNext(); ) {
      PGPSignature signature = it.next();
      int type = signature.getSignatureType();
      boolean selfType =
          type == PGPSignature.DIRECT_KEY
              || type == PGPSignature.POSITIVE_CERTIFICATION
              || type == PGPSignature.CASUAL_CERTIFICATION
              || type == PGPSignature.NO_CERTIFICATION
              || type == PGPSignature.DEFAULT_CERTIFICATION;
      if (selfType && signature.getKeyID() == primary.getKeyID()) {
        own.add(signature);
      }
    }
    return own.iterator();
  }
}
