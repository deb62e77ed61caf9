package dev.hostkeep.backup.chunker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The chunker cuts where restic's byte-at-a-time Rabin scan cuts. The scan written out below, as
 * restic's chunker.go has it, is the specification; the oracle tests check the same against the
 * restic program (restic's chunks of a file are found again in a hostkeep backup).
 */
class ChunkerTest {
  private static final long POLYNOMIAL = 0x3DA3358B4DC173L; // restic's test polynomial

  @Test
  void cutsWhereAByteAtATimeScanCuts() throws IOException {
    Random random = new Random(42);
    for (int size : new int[] {0, 1, 511 * 1024, 512 * 1024, 600_000, 5_000_003, 24 << 20}) {
      byte[] data = new byte[size];
      random.nextBytes(data);
      assertThat(lengths(data, 1 << 20)).as("%d random bytes", size).isEqualTo(reference(data));
    }
  }

  @Test
  void cutsLikeItOnDataWithManyAndWithNoBoundaries() throws IOException {
    byte[] text = new byte[20 << 20];
    Random random = new Random(3);
    for (int i = 0; i < text.length; i++) {
      text[i] = (byte) ("abcdefgh ".charAt(random.nextInt(9)));
    }
    byte[] zeros = new byte[20 << 20]; // every window's digest is zero: a cut at each minimum
    byte[] ones = new byte[20 << 20]; // no window's digest ends in 20 zero bits: no cut at all
    Arrays.fill(ones, (byte) 1);

    assertThat(lengths(text, 1 << 20)).isEqualTo(reference(text));
    assertThat(lengths(zeros, 1 << 20)).isEqualTo(reference(zeros)).contains(Chunker.MIN_SIZE);
    assertThat(lengths(ones, 1 << 20))
        .isEqualTo(reference(ones))
        .containsExactly(Chunker.MAX_SIZE, Chunker.MAX_SIZE, 4 << 20);
  }

  @Test
  void readsThatReturnLittleAtATimeChangeNothing() throws IOException {
    byte[] data = new byte[6 << 20];
    new Random(9).nextBytes(data);

    assertThat(lengths(data, 1000)).isEqualTo(reference(data));
  }

  private static List<Integer> lengths(byte[] data, int readSize) throws IOException {
    InputStream in =
        new FilterInputStream(new ByteArrayInputStream(data)) {
          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, readSize));
          }
        };
    Chunker chunker = new Chunker(POLYNOMIAL, in);
    ChunkArrays arrays = new ChunkArrays();
    List<Integer> lengths = new ArrayList<>();
    int at = 0;
    for (ChunkArrays.Chunk chunk = chunker.next(arrays);
        chunk != null;
        chunk = chunker.next(arrays)) {
      assertThat(Arrays.equals(chunk.data(), 0, chunk.length(), data, at, at + chunk.length()))
          .as("the bytes of chunk %d", lengths.size())
          .isTrue();
      at += chunk.length();
      lengths.add(chunk.length());
      arrays.give(chunk.data()); // reused by a later chunk, which must then hold its own bytes
    }
    return lengths;
  }

  /** restic's chunker, one byte at a time with its 64-byte window, from the same tables. */
  private static List<Integer> reference(byte[] data) {
    long[] out = new long[256];
    long[] mod = new long[256];
    int k = Polynomial.degree(POLYNOMIAL);
    for (int b = 0; b < 256; b++) {
      long h = Polynomial.mod(b, POLYNOMIAL);
      for (int i = 0; i < 63; i++) {
        h = Polynomial.mod(h << 8, POLYNOMIAL);
      }
      out[b] = h;
      mod[b] = Polynomial.mod((long) b << k, POLYNOMIAL) | ((long) b << k);
    }
    List<Integer> lengths = new ArrayList<>();
    int start = 0;
    while (start < data.length) {
      byte[] window = new byte[64];
      window[0] = 1;
      int wpos = 1;
      long digest = 1;
      int length = Math.min(data.length - start, Chunker.MAX_SIZE);
      for (int at = Chunker.MIN_SIZE - 64;
          at < Math.min(data.length - start, Chunker.MAX_SIZE);
          at++) {
        int b = data[start + at] & 0xff;
        digest ^= out[window[wpos] & 0xff];
        window[wpos] = (byte) b;
        wpos = (wpos + 1) & 63;
        digest = ((digest << 8) | b) ^ mod[(int) (digest >>> (k - 8)) & 0xff];
        if (at + 1 >= Chunker.MIN_SIZE && (digest & ((1L << 20) - 1)) == 0) {
          length = at + 1;
          break;
        }
      }
      lengths.add(length);
      start += length;
    }
    return lengths;
  }
}
