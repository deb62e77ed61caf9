package dev.hostkeep.backup.repo;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * zstd as restic uses it: standard frames without checksums. {@code auto} is zstd's default level,
 * about what restic's own "auto" does; {@code max} trades time for size; {@code off} stores blobs
 * uncompressed (metadata files still are, as in restic).
 */
public enum Compression {
  OFF(0),
  AUTO(3),
  FAST(1),
  MAX(19);

  private final int level;
  private final ThreadLocal<ZstdCompressCtx> compressor;
  private static final ThreadLocal<ZstdDecompressCtx> DECOMPRESSOR =
      ThreadLocal.withInitial(ZstdDecompressCtx::new);

  Compression(int level) {
    this.level = level;
    this.compressor =
        ThreadLocal.withInitial(
            () -> {
              ZstdCompressCtx ctx = new ZstdCompressCtx();
              ctx.setLevel(level == 0 ? 3 : level);
              ctx.setChecksum(false);
              return ctx;
            });
  }

  /** Whether blobs are compressed at all. */
  boolean blobs() {
    return level > 0;
  }

  /**
   * Whether compressing {@code data} can pay: a big blob whose first 64 KiB zstd's fastest level
   * cannot shrink by 3 % (media, archives, encrypted files) is stored as it is, which saves most of
   * the compression time on such data and loses nothing measurable.
   */
  boolean worthTrying(byte[] data, int length) {
    if (length < 256 * 1024) {
      return true;
    }
    int limit = PROBE * 97 / 100;
    try {
      FAST.compressor.get().compressByteArray(PROBES.get(), 0, limit, data, 0, PROBE);
      return true;
    } catch (ZstdException e) {
      if (e.getErrorCode() == Zstd.errDstSizeTooSmall()) {
        return false;
      }
      throw e;
    }
  }

  /** The largest metadata file decompressed in one call; a bigger one is read as a stream. */
  private static final long MAX_METADATA = 256L * 1024 * 1024;

  /**
   * Initialises zstd's bindings, for a second thread to do while the main one derives the key: on
   * Java 22 and later zstd-jni links each native function as its classes initialise, about 0.2 s in
   * a fresh JVM, and the first index file read waits for it.
   */
  public static void warmUp() {
    byte[] frame = Zstd.compress(new byte[64], 1);
    Zstd.decompress(frame, 64);
  }

  private static final int PROBE = 64 * 1024;
  private static final ThreadLocal<byte[]> PROBES = ThreadLocal.withInitial(() -> new byte[PROBE]);

  byte[] compress(byte[] data) {
    return compressor.get().compress(data);
  }

  /**
   * Compresses the first {@code length} bytes of {@code data} into {@code out}; returns the
   * compressed length, or -1 when it would not fit in {@code limit} bytes (then storing it
   * uncompressed is as good or better).
   */
  int compressInto(byte[] data, int length, byte[] out, int limit) {
    try {
      return compressor.get().compressByteArray(out, 0, limit, data, 0, length);
    } catch (ZstdException e) {
      if (e.getErrorCode() == Zstd.errDstSizeTooSmall()) {
        return -1;
      }
      throw e;
    }
  }

  /** Decompresses a frame of {@code size} bytes into {@code out} from its start. */
  static void decompressInto(byte[] frame, int length, byte[] out, int size, String what) {
    try {
      int done = DECOMPRESSOR.get().decompressByteArray(out, 0, size, frame, 0, length);
      if (done != size) {
        throw new RepositoryException(what + " decompressed to " + done + " bytes, not " + size);
      }
    } catch (ZstdException e) {
      throw new RepositoryException(what + " is not a valid zstd frame: " + e.getMessage());
    }
  }

  /**
   * A frame whose size we do not know beforehand (metadata files): in one call when its header
   * gives the size (zstd's encoders, restic's included, write it), as a stream otherwise.
   */
  static byte[] decompressFrom(byte[] frame, int offset, String what) {
    long size = Zstd.getFrameContentSize(frame, offset, frame.length - offset);
    if (size >= 0 && size <= MAX_METADATA) {
      try {
        byte[] out = new byte[(int) size];
        long done =
            DECOMPRESSOR
                .get()
                .decompressByteArray(out, 0, out.length, frame, offset, frame.length - offset);
        if (done == size) {
          return out;
        }
      } catch (ZstdException e) {
        // several frames, or a damaged one: the stream below reads the first or says what is wrong
      }
    }
    try (ZstdInputStream in =
        new ZstdInputStream(new ByteArrayInputStream(frame, offset, frame.length - offset))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new RepositoryException(what + " is not a valid zstd frame: " + e.getMessage());
    }
  }
}
