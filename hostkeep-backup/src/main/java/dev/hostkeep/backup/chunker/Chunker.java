package dev.hostkeep.backup.chunker;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
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

  /** The next chunk, or {@code null} at the end of the stream (an empty stream has no chunks). */
  public byte[] next() throws IOException {
    int length = cut();
    if (length == 0) {
      return null;
    }
    byte[] chunk = Arrays.copyOf(buffer, length);
    System.arraycopy(buffer, length, buffer, 0, filled - length);
    filled -= length;
    total += length;
    return chunk;
  }

  /** The length of the chunk at the start of the buffer, reading as much as it needs. */
  private int cut() throws IOException {
    long[] out = tables.out;
    long[] mod = tables.mod;
    int shift = tables.shift;
    byte[] window = new byte[WINDOW];
    window[0] = 1; // restic slides a 1 into the fresh window
    int wpos = 1;
    long digest = 1;
    int at = MIN_SIZE - WINDOW;
    while (true) {
      if (at >= filled && !fill()) {
        return filled;
      }
      int end = Math.min(filled, MAX_SIZE);
      for (; at < end; at++) {
        int b = buffer[at] & 0xff;
        digest ^= out[window[wpos] & 0xff];
        window[wpos] = (byte) b;
        wpos = (wpos + 1) & (WINDOW - 1);
        digest = ((digest << 8) | b) ^ mod[(int) (digest >>> shift) & 0xff];
        if (at + 1 >= MIN_SIZE && (digest & SPLIT_MASK) == 0) {
          return at + 1;
        }
      }
      if (at >= MAX_SIZE) {
        return MAX_SIZE;
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
   * The per-polynomial tables restic precomputes: slide a byte out, reduce modulo the polynomial.
   */
  private static final class Tables {
    final long[] out = new long[256];
    final long[] mod = new long[256];
    final int shift;

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
