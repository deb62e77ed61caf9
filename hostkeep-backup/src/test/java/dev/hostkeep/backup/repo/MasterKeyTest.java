package dev.hostkeep.backup.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Random;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.junit.jupiter.api.Test;

/**
 * restic's Poly1305-AES on the JDK's Poly1305 and on Bouncy Castle's gives the tags Bouncy Castle's
 * own Poly1305-AES gives; sealed objects open, and changed ones do not. (That restic reads what
 * these make is checked by the repository tests with restic itself.)
 */
class MasterKeyTest {
  private static final int[] LENGTHS = {
    0, 1, 15, 16, 17, 31, 255, 256, 4099, 1 << 20, (1 << 20) + 3
  };

  @Test
  void theBuildOpensTheJdksPoly1305AsTheLauncherDoes() {
    // pom.xml passes --add-opens java.base/com.sun.crypto.provider=ALL-UNNAMED to the tests;
    // without it the engine falls back to Bouncy Castle, correct but ten times slower.
    assertThat(Poly1305Aes.create().onJdk()).isTrue();
  }

  @Test
  void bothPoly1305sGiveBouncyCastlesPoly1305AesTags() {
    Random random = new Random(1305);
    Poly1305Aes jdk = Poly1305Aes.create();
    Poly1305Aes bouncyCastle = Poly1305Aes.bouncyCastle();
    Poly1305 reference = new Poly1305(AESEngine.newInstance());
    for (int length : LENGTHS) {
      for (int round = 0; round < 3; round++) {
        byte[] k = bytes(random, 16);
        byte[] r = bytes(random, 16);
        byte[] nonce = bytes(random, 16);
        byte[] data = bytes(random, length + 7);
        byte[] expected = new byte[16];
        reference.init(new ParametersWithIV(new KeyParameter(concat(r, k)), nonce));
        reference.update(data, 7, length);
        reference.doFinal(expected, 0);

        SecretKeySpec aesKey = new SecretKeySpec(k, "AES");
        byte[] fromJdk = new byte[20];
        jdk.mac(aesKey, r, nonce, data, 7, length, fromJdk, 4);
        byte[] fromBc = new byte[16];
        bouncyCastle.mac(aesKey, r, nonce, data, 7, length, fromBc, 0);

        assertThat(java.util.Arrays.copyOfRange(fromJdk, 4, 20))
            .as("JDK, %d bytes", length)
            .isEqualTo(expected);
        assertThat(fromBc).as("Bouncy Castle, %d bytes", length).isEqualTo(expected);
      }
    }
  }

  @Test
  void sealedObjectsOpenAndChangedOnesDoNot() {
    Random random = new Random(7);
    MasterKey key = MasterKey.random(new SecureRandom());
    for (int length : LENGTHS) {
      byte[] plain = bytes(random, length);
      byte[] sealed = key.encrypt(plain);

      assertThat(sealed).hasSize(length + MasterKey.OVERHEAD);
      assertThat(key.decrypt(sealed)).isEqualTo(plain);

      sealed[random.nextInt(sealed.length)] ^= 0x10;
      assertThatThrownBy(() -> key.decrypt(sealed))
          .isInstanceOf(MasterKey.MacMismatchException.class);
    }
  }

  @Test
  void sealingAPieceAtATimeMakesWhatOpens() {
    Random random = new Random(8);
    MasterKey key = MasterKey.random(new SecureRandom());
    for (int length : LENGTHS) {
      byte[] plain = bytes(random, length + 3);
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

      key.seal(plain, 3, length, new byte[100], out::write); // pieces of an odd size

      assertThat(key.decrypt(out.toByteArray()))
          .isEqualTo(java.util.Arrays.copyOfRange(plain, 3, length + 3));
    }
  }

  @Test
  void anotherKeyCannotOpenIt() {
    byte[] sealed = MasterKey.random(new SecureRandom()).encrypt(new byte[100]);

    assertThatThrownBy(() -> MasterKey.random(new SecureRandom()).decrypt(sealed))
        .isInstanceOf(MasterKey.MacMismatchException.class);
  }

  private static byte[] bytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
