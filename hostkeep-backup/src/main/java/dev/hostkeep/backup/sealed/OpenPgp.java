package dev.hostkeep.backup.sealed;

import dev.hostkeep.core.HostkeepException;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Date;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder;

/**
 * OpenPGP messages as {@code gpg} writes and reads them: a literal data packet in an AES-256
 * symmetrically encrypted, integrity-protected (MDC) packet, its session key encrypted to each
 * recipient. Every OpenPGP implementation in use reads this (GnuPG 2.2 and later, Sequoia, RNP).
 * The bulk cipher is the JDK's AES, which uses the CPU's AES instructions.
 */
public final class OpenPgp {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int BUFFER = 1 << 16;

  private OpenPgp() {}

  /**
   * A stream that encrypts what is written to it into {@code out}; closing it ends the message but
   * leaves {@code out} open.
   *
   * @param name the file name recorded in the message (what {@code gpg --use-embedded-filename}
   *     would write)
   */
  public static OutputStream encrypt(
      OutputStream out, Recipients recipients, String name, Date modified) throws IOException {
    PGPEncryptedDataGenerator generator =
        new PGPEncryptedDataGenerator(
            new JcePGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                .setWithIntegrityPacket(true)
                .setSecureRandom(RANDOM));
    for (Recipients.Recipient recipient : recipients.all()) {
      generator.addMethod(
          new BcPublicKeyKeyEncryptionMethodGenerator(recipient.key()).setSecureRandom(RANDOM));
    }
    OutputStream encrypted;
    try {
      encrypted = generator.open(out, new byte[BUFFER]);
    } catch (PGPException e) {
      throw new IOException("cannot start an OpenPGP message: " + e.getMessage(), e);
    }
    PGPLiteralDataGenerator literal = new PGPLiteralDataGenerator();
    OutputStream plain =
        literal.open(encrypted, PGPLiteralData.BINARY, name, modified, new byte[BUFFER]);
    return new FilterOutputStream(plain) {
      private boolean closed;

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        if (!closed) {
          closed = true;
          literal.close();
          generator.close();
        }
      }
    };
  }

  /**
   * The plaintext of a message encrypted to one of {@code identity}'s keys. The stream throws at
   * its end when the message's integrity check fails, so a tampered or truncated archive never
   * reads as complete.
   */
  public static InputStream decrypt(InputStream in, Identity identity) throws IOException {
    try {
      JcaPGPObjectFactory factory = new JcaPGPObjectFactory(PGPUtil.getDecoderStream(in));
      Object next = factory.nextObject();
      while (next instanceof PGPMarker) {
        next = factory.nextObject();
      }
      if (!(next instanceof PGPEncryptedDataList list)) {
        throw new IOException("not an OpenPGP encrypted message");
      }
      for (PGPEncryptedData data : list) {
        if (!(data instanceof PGPPublicKeyEncryptedData encrypted)) {
          continue;
        }
        PGPPrivateKey key = identity.privateKey(encrypted.getKeyID());
        if (key == null) {
          continue;
        }
        if (!encrypted.isIntegrityProtected()) {
          throw new IOException("the message has no integrity protection; refusing to trust it");
        }
        InputStream clear = encrypted.getDataStream(new BcPublicKeyDataDecryptorFactory(key));
        return new Checked(literal(clear), encrypted);
      }
      throw HostkeepException.usage(
          "the archive is encrypted to none of the identity's keys (" + identity.describe() + ")");
    } catch (PGPException e) {
      throw new IOException("cannot decrypt: " + e.getMessage(), e);
    }
  }

  private static InputStream literal(InputStream clear) throws IOException, PGPException {
    JcaPGPObjectFactory factory = new JcaPGPObjectFactory(clear);
    Object message = factory.nextObject();
    if (message instanceof PGPCompressedData compressed) {
      message = new JcaPGPObjectFactory(compressed.getDataStream()).nextObject();
    }
    if (!(message instanceof PGPLiteralData literal)) {
      throw new IOException("the message holds no literal data");
    }
    return literal.getInputStream();
  }

  /** Checks the integrity packet once the plaintext has been read to its end. */
  private static final class Checked extends FilterInputStream {
    private final PGPPublicKeyEncryptedData encrypted;
    private boolean verified;

    Checked(InputStream in, PGPPublicKeyEncryptedData encrypted) {
      super(in);
      this.encrypted = encrypted;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b < 0) {
        verify();
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n < 0) {
        verify();
      }
      return n;
    }

    private void verify() throws IOException {
      if (verified) {
        return;
      }
      try {
        if (!encrypted.verify()) {
          throw new IOException("the archive fails its integrity check (modified or damaged)");
        }
      } catch (PGPException e) {
        throw new IOException("the archive fails its integrity check: " + e.getMessage(), e);
      }
      verified = true;
    }
  }
}
