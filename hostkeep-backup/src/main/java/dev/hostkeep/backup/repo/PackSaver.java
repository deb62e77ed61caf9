package dev.hostkeep.backup.repo;

import dev.hostkeep.backup.storage.Backend;
import dev.hostkeep.backup.storage.FileType;
import dev.hostkeep.core.HostkeepException;
import java.nio.file.Path;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Turns blobs into packs and packs into stored files. Callers on any thread hand in plaintext
 * blobs; each new one is compressed on the caller's thread into a buffer that thread keeps, then
 * sealed a piece at a time as it is appended to the open pack of its type, which is a temporary
 * file in {@code spool} (restic does the same): memory does not grow with the pack size or with how
 * many packs wait for their upload. Full packs are uploaded by a few background threads; at most
 * {@code uploaders + 1} wait, beyond that callers block (back-pressure). The index learns of a pack
 * only once it is stored, and an index file is written every few packs so that an interrupted run's
 * uploads are not lost.
 */
final class PackSaver {
  private static final int PACKS_PER_INDEX = 16;
  private static final int BLOBS_PER_INDEX = 50_000;

  /** Per thread: the buffer a blob is compressed into, grown to the biggest blob it saw. */
  private static final ThreadLocal<byte[]> COMPRESSING = ThreadLocal.withInitial(() -> new byte[0]);

  /** Per thread: the piece of a blob being sealed on its way into the pack file. */
  private static final ThreadLocal<byte[]> SEALING =
      ThreadLocal.withInitial(() -> new byte[256 * 1024]);

  private final Backend backend;
  private final MasterKey key;
  private final Unpacked files;
  private final Index index;
  private final Compression compression;
  private final int packSize;
  private final Path spool;
  private final ExecutorService uploads;
  private final Semaphore slots;
  private final Phaser inFlight = new Phaser(1);
  private final Map<BlobType, PackFile> open = new EnumMap<>(BlobType.class);
  // packs handed to the uploaders and not yet stored or given up: close() deletes what is left
  private final Set<PackFile> handedOver = ConcurrentHashMap.newKeySet();
  private final Map<BlobType, Set<Id>> claimed = new EnumMap<>(BlobType.class);
  private final List<PackedBlob> unindexed = new ArrayList<>();
  private final AtomicInteger unindexedPacks = new AtomicInteger();
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private final AtomicLong storedBytes = new AtomicLong();
  private final AtomicInteger packsWritten = new AtomicInteger();
  private final AtomicInteger indexFilesWritten = new AtomicInteger();

  PackSaver(
      Backend backend,
      MasterKey key,
      Unpacked files,
      Index index,
      Compression compression,
      int packSize,
      int uploaders,
      Path spool) {
    this.backend = backend;
    this.key = key;
    this.files = files;
    this.index = index;
    this.compression = compression;
    this.packSize = packSize;
    this.spool = spool;
    this.uploads =
        Executors.newFixedThreadPool(
            uploaders, Thread.ofPlatform().daemon().name("hostkeep-upload-", 0).factory());
    this.slots = new Semaphore(uploaders + 1);
    for (BlobType type : BlobType.values()) {
      claimed.put(type, ConcurrentHashMap.newKeySet());
    }
  }

  /**
   * Stores {@code plaintext} as blob {@code id} unless the repository or this run already has it;
   * returns whether it was new.
   */
  boolean save(BlobType type, Id id, byte[] plaintext, int plainLength) {
    rethrow();
    if (!claim(type, id)) {
      return false;
    }
    Payload payload = payload(plaintext, plainLength);
    byte[] scratch = SEALING.get();
    add(
        type,
        id,
        pack -> {
          key.seal(payload.bytes(), 0, payload.length(), scratch, pack::write);
          pack.added(id, payload.length() + MasterKey.OVERHEAD, payload.uncompressed());
        });
    return true;
  }

  /**
   * What is sealed of a blob: its zstd frame, in this thread's buffer, when that is smaller than
   * the plaintext; else the plaintext ({@code uncompressed} 0).
   */
  private record Payload(byte[] bytes, int length, int uncompressed) {}

  private Payload payload(byte[] plaintext, int length) {
    if (compression.blobs() && length > 1 && compression.worthTrying(plaintext, length)) {
      byte[] buffer = compressing(length);
      int packed = compression.compressInto(plaintext, length, buffer, length - 1);
      if (packed > 0) {
        return new Payload(buffer, packed, length);
      }
    }
    return new Payload(plaintext, length, 0);
  }

  /**
   * Stores a blob that is sealed already, as a repack copies it from its old pack, unless this run
   * has it; returns whether it was new.
   */
  boolean saveSealed(BlobType type, Id id, byte[] sealed, int uncompressed) {
    rethrow();
    if (!claim(type, id)) {
      return false;
    }
    add(type, id, pack -> pack.add(id, sealed, 0, sealed.length, uncompressed));
    return true;
  }

  /**
   * Whether this call is the one to store blob {@code id}: neither the index nor another thread has
   * it. A claim is given up once the blob's pack is indexed (so the claims do not grow with the
   * run), which comes after the index has it: a claim won after that finds it in the index.
   */
  private boolean claim(BlobType type, Id id) {
    Set<Id> claims = claimed.get(type);
    if (index.has(type, id) || !claims.add(id)) {
      return false;
    }
    if (index.has(type, id)) {
      claims.remove(id);
      return false;
    }
    return true;
  }

  /**
   * This thread's compression buffer, at least {@code size} bytes; grown in whole mebibytes, so
   * that a run of ever so slightly bigger blobs does not make a new one each time.
   */
  private static byte[] compressing(int size) {
    byte[] buffer = COMPRESSING.get();
    if (buffer.length < size) {
      int mib = 1024 * 1024;
      buffer = new byte[(size + mib - 1) / mib * mib];
      COMPRESSING.set(buffer);
    }
    return buffer;
  }

  /**
   * Appends blob {@code id} to the open pack of its type with {@code writer}, and uploads a full
   * pack. When the write fails (a full spool folder), the pack holds bytes its header would not
   * account for: it is dropped with every blob in it and their claims are given up, so that the
   * repository's next backup stores them again instead of counting them as stored.
   */
  private void add(BlobType type, Id id, Consumer<PackFile> writer) {
    PackFile full = null;
    synchronized (this) {
      PackFile pack = open.get(type);
      try {
        if (pack == null) {
          pack = new PackFile(type, spool);
          open.put(type, pack);
        }
        writer.accept(pack);
      } catch (RuntimeException | Error e) {
        Set<Id> claims = claimed.get(type);
        claims.remove(id);
        if (pack != null) {
          open.remove(type);
          pack.blobs().forEach(blob -> claims.remove(blob.id()));
          pack.discard();
        }
        throw e;
      }
      if (pack.size() >= packSize) {
        full = open.remove(type);
      }
    }
    if (full != null) {
      upload(full);
    }
  }

  /** Bytes of sealed packs stored so far (what the repository grew by). */
  long storedBytes() {
    return storedBytes.get();
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
    List<PackFile> rest;
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

  /**
   * Stops the uploads and deletes the temporary files of packs not stored: those still open, and
   * those waiting for an uploader (an upload under way is interrupted and its file deleted too).
   */
  void close() {
    uploads.shutdownNow();
    try {
      uploads.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    handedOver.forEach(PackFile::discard);
    handedOver.clear();
    synchronized (this) {
      open.values().forEach(PackFile::discard);
      open.clear();
    }
  }

  private void upload(PackFile pack) {
    slots.acquireUninterruptibly();
    inFlight.register();
    handedOver.add(pack);
    uploads.execute(
        () -> {
          try {
            if (failure.get() == null) {
              PackFile.Finished finished = pack.finish(key);
              backend.save(FileType.PACK, finished.id().toString(), finished.path());
              storedBytes.addAndGet(finished.length());
              packsWritten.incrementAndGet();
              synchronized (unindexed) {
                unindexed.addAll(finished.blobs());
              }
              for (PackedBlob blob : finished.blobs()) {
                index.add(blob);
                claimed.get(blob.type()).remove(blob.id()); // the index answers for it now
              }
              unindexedPacks.incrementAndGet();
              writeIndex(false);
            }
          } catch (RuntimeException | Error e) {
            fail(e); // an Error too: a lost pack must fail the backup, never pass unnoticed
          } finally {
            pack.discard();
            handedOver.remove(pack);
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
        null, e instanceof RuntimeException runtime ? runtime : HostkeepException.of((Error) e));
  }

  private void rethrow() {
    RuntimeException e = failure.get();
    if (e != null) {
      throw e;
    }
  }
}
