package dev.hostkeep.backup.repo;

import dev.hostkeep.backup.storage.Backend;
import dev.hostkeep.backup.storage.FileType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Phaser;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Turns blobs into packs and packs into stored files. Callers on any thread hand in plaintext
 * blobs; each new one is compressed and sealed on the caller's thread, appended to the open pack of
 * its type, and full packs are uploaded by a few background threads. At most {@code uploaders + 1}
 * finished packs wait in memory: beyond that, callers block (back-pressure), so memory stays
 * bounded however fast the readers are. The index learns of a pack only once it is stored, and an
 * index file is written every few packs so that an interrupted run's uploads are not lost.
 */
final class PackSaver {
  private static final int PACKS_PER_INDEX = 16;
  private static final int BLOBS_PER_INDEX = 50_000;

  private final Backend backend;
  private final MasterKey key;
  private final Unpacked files;
  private final Index index;
  private final Compression compression;
  private final int packSize;
  private final ExecutorService uploads;
  private final Semaphore slots;
  private final Phaser inFlight = new Phaser(1);
  private final Map<BlobType, PackBuilder> open = new EnumMap<>(BlobType.class);
  private final Map<BlobType, Set<Id>> claimed = new EnumMap<>(BlobType.class);
  private final List<PackedBlob> unindexed = new ArrayList<>();
  private final AtomicInteger unindexedPacks = new AtomicInteger();
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private final AtomicLong storedBytes = new AtomicLong();
  private final AtomicInteger packsWritten = new AtomicInteger();
  // Open packs (one per type) and those in flight need buffers; more than that would only idle.
  private final java.util.concurrent.ArrayBlockingQueue<byte[]> buffers;
  private final AtomicInteger indexFilesWritten = new AtomicInteger();

  PackSaver(
      Backend backend,
      MasterKey key,
      Unpacked files,
      Index index,
      Compression compression,
      int packSize,
      int uploaders) {
    this.backend = backend;
    this.key = key;
    this.files = files;
    this.index = index;
    this.compression = compression;
    this.packSize = packSize;
    this.uploads =
        Executors.newFixedThreadPool(
            uploaders, Thread.ofPlatform().daemon().name("hostkeep-upload-", 0).factory());
    this.slots = new Semaphore(uploaders + 1);
    this.buffers = new java.util.concurrent.ArrayBlockingQueue<>(uploaders + 3);
    for (BlobType type : BlobType.values()) {
      claimed.put(type, ConcurrentHashMap.newKeySet());
    }
  }

  /**
   * Stores {@code plaintext} as blob {@code id} unless the repository or this run already has it;
   * returns whether it was new.
   */
  boolean save(BlobType type, Id id, byte[] plaintext) {
    rethrow();
    if (index.has(type, id) || !claimed.get(type).add(id)) {
      return false;
    }
    byte[] payload = plaintext;
    int uncompressed = 0;
    if (compression.blobs() && compression.worthTrying(plaintext)) {
      byte[] packed = compression.compress(plaintext);
      if (packed.length < plaintext.length) {
        payload = packed;
        uncompressed = plaintext.length;
      }
    }
    add(type, id, key.encrypt(payload), uncompressed);
    return true;
  }

  /**
   * Stores a blob that is sealed already, as a repack copies it from its old pack, unless this run
   * has it; returns whether it was new.
   */
  boolean saveSealed(BlobType type, Id id, byte[] sealed, int uncompressed) {
    rethrow();
    if (index.has(type, id) || !claimed.get(type).add(id)) {
      return false;
    }
    add(type, id, sealed, uncompressed);
    return true;
  }

  private void add(BlobType type, Id id, byte[] sealed, int uncompressed) {
    PackBuilder full = null;
    PackBuilder last = null;
    synchronized (this) {
      PackBuilder builder = open.get(type);
      // A blob that would overflow the pack's buffer starts the next pack instead, so buffers
      // never grow and are reused pack after pack.
      if (builder != null && builder.size() > 0 && builder.size() + sealed.length > capacity()) {
        full = open.remove(type);
        builder = null;
      }
      if (builder == null) {
        builder = new PackBuilder(type, buffer());
        open.put(type, builder);
      }
      builder.add(id, sealed, uncompressed);
      if (builder.size() >= packSize) {
        last = open.remove(type);
      }
    }
    if (full != null) {
      upload(full);
    }
    if (last != null) {
      upload(last);
    }
  }

  /** Bytes of sealed packs stored so far (what the repository grew by). */
  long storedBytes() {
    return storedBytes.get();
  }

  /** A pack buffer: a stored pack's, or a new one. */
  private byte[] buffer() {
    byte[] reused = buffers.poll();
    return reused != null ? reused : new byte[capacity()];
  }

  /** The packs' buffer size: the pack size and room for the header of small blobs. */
  private int capacity() {
    return packSize + 64 * 1024;
  }

  /** Keeps a stored pack's buffer for the next pack, so a backup does not allocate one per pack. */
  private void recycle(byte[] buffer) {
    if (buffer.length == capacity()) {
      buffers.offer(buffer);
    }
  }

  /** Packs stored so far. */
  int packsWritten() {
    return packsWritten.get();
  }

  /** Index files stored so far. */
  int indexFilesWritten() {
    return indexFilesWritten.get();
  }

  /** Uploads the open packs, waits for every upload, and writes the index of what is left. */
  void flush() {
    List<PackBuilder> rest;
    synchronized (this) {
      rest = new ArrayList<>(open.values());
      open.clear();
    }
    rest.forEach(this::upload);
    inFlight.arriveAndAwaitAdvance();
    rethrow();
    writeIndex(true);
    rethrow();
  }

  void close() {
    uploads.shutdownNow();
  }

  private void upload(PackBuilder builder) {
    slots.acquireUninterruptibly();
    inFlight.register();
    uploads.execute(
        () -> {
          try {
            if (failure.get() == null) {
              PackBuilder.Finished pack = builder.finish(key);
              backend.save(FileType.PACK, pack.id().toString(), pack.buffer(), pack.length());
              storedBytes.addAndGet(pack.length());
              recycle(pack.buffer());
              packsWritten.incrementAndGet();
              synchronized (unindexed) {
                unindexed.addAll(pack.blobs());
              }
              pack.blobs().forEach(index::add);
              unindexedPacks.incrementAndGet();
              writeIndex(false);
            }
          } catch (RuntimeException | Error e) {
            fail(e); // an Error too: a lost pack must fail the backup, never pass unnoticed
          } finally {
            slots.release();
            inFlight.arriveAndDeregister();
          }
        });
  }

  private void writeIndex(boolean all) {
    List<PackedBlob> batch;
    synchronized (unindexed) {
      boolean due = unindexedPacks.get() >= PACKS_PER_INDEX || unindexed.size() >= BLOBS_PER_INDEX;
      if (unindexed.isEmpty() || !(all || due)) {
        return;
      }
      batch = new ArrayList<>(unindexed);
      unindexed.clear();
      unindexedPacks.set(0);
    }
    try {
      files.save(FileType.INDEX, RepoJson.write(IndexFile.of(batch, List.of())));
      indexFilesWritten.incrementAndGet();
    } catch (RuntimeException | Error e) {
      fail(e);
    }
  }

  /** Remembers the first failure of a background task; {@link #flush} and later saves throw it. */
  private void fail(Throwable e) {
    failure.compareAndSet(
        null,
        e instanceof RuntimeException runtime
            ? runtime
            : new RepositoryException("storing a pack failed: " + e, e));
  }

  private void rethrow() {
    RuntimeException e = failure.get();
    if (e != null) {
      throw e;
    }
  }
}
