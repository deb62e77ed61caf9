package dev.hostkeep.backup.chunker;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Content-defined chunking with the boundaries restic's chunker finds: a Rabin fingerprint over a
 * 64-byte window, using the repository's polynomial, cuts where its low 20 bits are zero, no
 * earlier than 512 KiB and no later than 8 MiB into a chunk. Identical data therefore gives
 * identical chunks whether restic or hostkeep backs it up, and they deduplicate. Like restic, the
 * first 512 KiB - 64 bytes of each chunk are not hashed at all, since no cut may fall there.
 */
public final class Chunker {
  public static final int MIN_SIZE = 512 * 1024;
  public static final int MAX_SIZE = 8 * 1024 * 1024;
  private static final int WINDOW = 64;
  private static final long SPLIT_MASK = (1L << 20) - 1;
  private static final int READ_BLOCK = 512 * 1024;
  private static final int SCAN_BLOCK = 64 * 1024;
  private static final Map<Long, Tables> TABLES = new ConcurrentHashMap<>();

  private final Tables tables;
  private final InputStream in;
  private final byte[] buffer;
  private int filled;
  private boolean eof;
  private long total;

  public Chunker(long polynomial, InputStream in) {
    this(polynomial, in, newBuffer());
  }

  /**
   * A chunker working in {@code buffer} (from {@link #newBuffer}), so that a thread chunking many
   * files one after the other allocates its 8.5 MiB once, not once per file.
   */
  public Chunker(long polynomial, InputStream in, byte[] buffer) {
    if (buffer.length != MAX_SIZE + READ_BLOCK) {
      throw new IllegalArgumentException("the buffer must come from Chunker.newBuffer()");
    }
    this.tables = TABLES.computeIfAbsent(polynomial, Tables::new);
    this.in = in;
    this.buffer = buffer;
  }

  public static byte[] newBuffer() {
    return new byte[MAX_SIZE + READ_BLOCK];
  }

  /** Bytes returned in chunks so far. */
  public long total() {
    return total;
  }

  /**
   * The next chunk, in an array from {@code arrays}, or {@code null} at the end of the stream (an
   * empty stream has no chunks).
   */
  public ChunkArrays.Chunk next(ChunkArrays arrays) throws IOException {
    int length = cut();
    if (length == 0) {
      return null;
    }
    byte[] chunk = arrays.take(length);
    System.arraycopy(buffer, 0, chunk, 0, length);
    System.arraycopy(buffer, length, buffer, 0, filled - length);
    filled -= length;
    total += length;
    return new ChunkArrays.Chunk(chunk, length);
  }

  /** The length of the chunk at the start of the buffer, reading as much as it needs. */
  private int cut() throws IOException {
    int at = MIN_SIZE - 1; // the first byte a chunk may end with
    while (true) {
      int end = Math.min(filled, MAX_SIZE);
      while (at < end) {
        int to = Math.min(end, at + SCAN_BLOCK);
        int cut = tables.scan(buffer, at, to);
        if (cut > 0) {
          return cut;
        }
        at = to;
      }
      if (end >= MAX_SIZE) {
        return MAX_SIZE;
      }
      if (!fill()) {
        return filled;
      }
    }
  }

  /** Reads one more block; false when the stream has ended and nothing more came. */
  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int want = Math.min(READ_BLOCK, buffer.length - filled);
    int read = in.readNBytes(buffer, filled, want);
    filled += read;
    if (read < want) {
      eof = true;
    }
    return read > 0;
  }

  /**
   * The per-polynomial tables restic precomputes (slide a byte out, reduce modulo the polynomial),
   * and the scan that uses them.
   *
   * <p>Once 64 bytes have slid through it, restic's rolling digest is the fingerprint of exactly
   * those 64 bytes: the digest at any position can be had by rolling over the 64 bytes before it
   * from zero. So a stretch is scanned as four quarters at once, each from its own start; the four
   * chains of table look-ups do not wait on each other, and the CPU runs them side by side. The
   * boundaries are the ones a byte-at-a-time scan finds (a test compares the two).
   */
  private static final class Tables {
    final long[] out = new long[256];
    final long[] mod = new long[256];
    final int shift;

    /**
     * The chunk length ending at the first position {@code p} in {@code [from, to)} whose digest
     * (over {@code buffer[p-63..p]}) has its low 20 bits zero, i.e. {@code p + 1}; -1 if none.
     * Needs {@code from >= 64}.
     */
    int scan(byte[] buffer, int from, int to) {
      long[] out = this.out;
      long[] mod = this.mod;
      int shift = this.shift;
      int quarter = (to - from) / 4;
      int b0 = from + quarter;
      int c0 = b0 + quarter;
      int d0 = c0 + quarter;
      long a = warm(buffer, from);
      long b = warm(buffer, b0);
      long c = warm(buffer, c0);
      long d = warm(buffer, d0);
      int hitA = -1;
      int hitB = -1;
      int hitC = -1;
      int hitD = -1;
      for (int i = 0; i < quarter; i++) {
        int pa = from + i;
        int pb = b0 + i;
        int pc = c0 + i;
        int pd = d0 + i;
        a ^= out[buffer[pa - WINDOW] & 0xff];
        b ^= out[buffer[pb - WINDOW] & 0xff];
        c ^= out[buffer[pc - WINDOW] & 0xff];
        d ^= out[buffer[pd - WINDOW] & 0xff];
        a = ((a << 8) | (buffer[pa] & 0xff)) ^ mod[(int) (a >>> shift) & 0xff];
        b = ((b << 8) | (buffer[pb] & 0xff)) ^ mod[(int) (b >>> shift) & 0xff];
        c = ((c << 8) | (buffer[pc] & 0xff)) ^ mod[(int) (c >>> shift) & 0xff];
        d = ((d << 8) | (buffer[pd] & 0xff)) ^ mod[(int) (d >>> shift) & 0xff];
        if (((a & SPLIT_MASK) == 0) & hitA < 0) {
          hitA = pa + 1;
        }
        if (((b & SPLIT_MASK) == 0) & hitB < 0) {
          hitB = pb + 1;
        }
        if (((c & SPLIT_MASK) == 0) & hitC < 0) {
          hitC = pc + 1;
        }
        if (((d & SPLIT_MASK) == 0) & hitD < 0) {
          hitD = pd + 1;
        }
      }
      if (hitA > 0) {
        return hitA;
      }
      if (hitB > 0) {
        return hitB;
      }
      if (hitC > 0) {
        return hitC;
      }
      // the last quarter also takes what a division by four left over
      for (int p = d0 + quarter; p < to && hitD < 0; p++) {
        d ^= out[buffer[p - WINDOW] & 0xff];
        d = ((d << 8) | (buffer[p] & 0xff)) ^ mod[(int) (d >>> shift) & 0xff];
        if ((d & SPLIT_MASK) == 0) {
          hitD = p + 1;
        }
      }
      return hitD;
    }

    /** The digest after {@code buffer[p-64..p-1]}, rolled in from zero. */
    private long warm(byte[] buffer, int p) {
      long digest = 0;
      for (int i = p - WINDOW; i < p; i++) {
        digest = ((digest << 8) | (buffer[i] & 0xff)) ^ mod[(int) (digest >>> shift) & 0xff];
      }
      return digest;
    }

    Tables(long pol) {
      int k = Polynomial.degree(pol);
      if (k != 53) {
        throw new IllegalArgumentException(
            "the chunker polynomial " + Long.toHexString(pol) + " does not have degree 53");
      }
      shift = k - 8;
      for (int b = 0; b < 256; b++) {
        long h = appendByte(0, b, pol);
        for (int i = 0; i < WINDOW - 1; i++) {
          h = appendByte(h, 0, pol);
        }
        out[b] = h;
        mod[b] = Polynomial.mod((long) b << k, pol) | ((long) b << k);
      }
    }

    private static long appendByte(long hash, int b, long pol) {
      return Polynomial.mod((hash << 8) | b, pol);
    }
  }
}
