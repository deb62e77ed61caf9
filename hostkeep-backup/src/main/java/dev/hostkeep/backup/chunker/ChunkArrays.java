package dev.hostkeep.backup.chunker;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Arrays for big chunks, used again once a chunk is stored: a backup of a big file or stream
 * otherwise leaves its whole size behind as garbage, a megabyte at a time, and the collector's
 * answer to that is a bigger heap. Chunks under 256 KiB (small files) get arrays of their own. An
 * array is a power of two at least as long as its chunk; at most {@code 8 MiB} of arrays wait for
 * reuse. Safe to share between threads.
 */
public final class ChunkArrays {
  private static final int SMALLEST = 256 * 1024;
  private static final long KEPT = 8L * 1024 * 1024;

  // one queue per power of two from SMALLEST to Chunker.MAX_SIZE
  @SuppressWarnings("unchecked")
  private final ConcurrentLinkedQueue<byte[]>[] free =
      new ConcurrentLinkedQueue[Integer.numberOfTrailingZeros(Chunker.MAX_SIZE / SMALLEST) + 1];

  private final AtomicLong kept = new AtomicLong();

  public ChunkArrays() {
    for (int i = 0; i < free.length; i++) {
      free[i] = new ConcurrentLinkedQueue<>();
    }
  }

  /** An array of at least {@code length} bytes. */
  byte[] take(int length) {
    if (length < SMALLEST) {
      return new byte[length];
    }
    int size = Integer.highestOneBit(length - 1) << 1;
    byte[] array = free[slot(size)].poll();
    if (array == null) {
      return new byte[size];
    }
    kept.addAndGet(-array.length);
    return array;
  }

  /** Gives back an array {@link Chunk#data} held, for another chunk to use. */
  public void give(byte[] array) {
    int size = array.length;
    if (size < SMALLEST || Integer.bitCount(size) != 1 || size > Chunker.MAX_SIZE) {
      return; // one of the small ones: the collector takes it
    }
    if (kept.addAndGet(size) > KEPT) {
      kept.addAndGet(-size);
      return;
    }
    free[slot(size)].offer(array);
  }

  private static int slot(int size) {
    return Integer.numberOfTrailingZeros(size / SMALLEST);
  }

  /** A chunk: its first {@code length} bytes of {@code data}. */
  public record Chunk(byte[] data, int length) {}
}
