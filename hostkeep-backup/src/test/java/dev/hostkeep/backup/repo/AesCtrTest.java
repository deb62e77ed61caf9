package dev.hostkeep.backup.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class AesCtrTest {
  @Test
  void matchesTheJdksCtrModeIncludingCounterCarries() throws Exception {
    Random random = new Random(11);
    AesCtr ctr = new AesCtr();
    Cipher jdk = Cipher.getInstance("AES/CTR/NoPadding");
    byte[] keyBytes = new byte[32];
    random.nextBytes(keyBytes);
    SecretKeySpec key = new SecretKeySpec(keyBytes, "AES");
    int[] lengths = {0, 1, 15, 16, 17, 4096, 65_535, 65_536, 65_537, 200_003};
    for (int round = 0; round < 40; round++) {
      byte[] iv = new byte[16];
      random.nextBytes(iv);
      if (round % 4 == 1) {
        java.util.Arrays.fill(iv, 8, 16, (byte) 0xff); // the low 64 bits carry into the high ones
      } else if (round % 4 == 2) {
        java.util.Arrays.fill(iv, (byte) 0xff); // the whole counter wraps
      }
      byte[] data = new byte[lengths[round % lengths.length]];
      random.nextBytes(data);
      jdk.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
      byte[] expected = jdk.doFinal(data);
      byte[] actual = new byte[data.length + 5];
      ctr.apply(key, iv, data, 0, data.length, actual, 5);
      assertThat(java.util.Arrays.copyOfRange(actual, 5, actual.length)).isEqualTo(expected);
      ctr.apply(key, iv, actual, 5, data.length, actual, 5);
      assertThat(java.util.Arrays.copyOfRange(actual, 5, actual.length)).isEqualTo(data);
    }
  }
}
