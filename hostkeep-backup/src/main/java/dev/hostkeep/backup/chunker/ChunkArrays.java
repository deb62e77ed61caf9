package dev.hostkeep.backup.chunker;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Arrays for chunks, used again once a chunk is stored (and for the blobs a restore reads). A
 * backup otherwise leaves its whole size behind as garbage, and since chunks wait a while to be
 * sealed, many are still in use when the young generation is collected: they are copied to the old
 * one, which then fills, and full collections follow, every few hundred milliseconds. An array is a
 * power of two from 4 KiB to {@link Chunker#MAX_SIZE} at least as long as its chunk (smaller chunks
 * get arrays of their own); a chunk takes the smallest free one that fits, or one up to four times
 * that. The pool holds no more arrays than were in use at once (every array in it was given back by
 * a chunk), and at most 16 MiB of them. Safe to share between threads.
 */
public final class ChunkArrays {
  private static final int SMALLEST = 4 * 1024;
  private static final long KEPT = 16L * 1024 * 1024;

  /** How many sizes up a chunk takes an array when none of its own size is free. */
  private static final int LARGER = 2;

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

  /** An array of at least {@code length} bytes, to {@link #give} back once it is used. */
  public byte[] take(int length) {
    if (length < SMALLEST || length > Chunker.MAX_SIZE) {
      return new byte[length]; // the smallest, and a sealed blob of a chunk the largest size
    }
    int size = Integer.highestOneBit(length - 1) << 1;
    int slot = slot(size);
    for (int larger = slot; larger < free.length && larger <= slot + LARGER; larger++) {
      byte[] array = free[larger].poll();
      if (array != null) {
        kept.addAndGet(-array.length);
        return array;
      }
    }
    return new byte[size];
  }

  /** Gives back an array {@link Chunk#data} held, for another chunk to use. */
  public void give(byte[] array) {
    int size = array.length;
    if (size < SMALLEST || Integer.bitCount(size) != 1 || size > Chunker.MAX_SIZE) {
      return; // one of the smallest: the collector takes it
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
