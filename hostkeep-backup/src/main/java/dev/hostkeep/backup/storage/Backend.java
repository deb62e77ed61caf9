package dev.hostkeep.backup.storage;

import dev.hostkeep.core.HostkeepException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a repository's files live: a local folder, an S3 bucket, an SFTP server. Files are written
 * once and never changed; {@link #save} makes a file visible under its name only when all of it has
 * been stored, so a crash or a failed upload never leaves a half-written file behind that name.
 * Implementations retry transient errors themselves and are safe to use from many threads.
 */
public interface Backend extends AutoCloseable {
  /** Where this is, for messages: a path or URL without credentials. */
  String location();

  /**
   * Whether the repository's {@code config} file exists, so {@code init} can refuse to overwrite.
   */
  default boolean initialized() {
    return exists(FileType.CONFIG, "config");
  }

  /** Prepares an empty repository's folders (a no-op where there are no folders). */
  void create();

  /** Stores {@code data} as {@code name}, atomically. */
  default void save(FileType type, String name, byte[] data) {
    save(type, name, data, data.length);
  }

  /** Stores the first {@code length} bytes of {@code data} as {@code name}, atomically. */
  void save(FileType type, String name, byte[] data, int length);

  /**
   * Stores all of {@code file} as {@code name}, atomically, without holding it in memory (packs are
   * assembled in temporary files). The file may be moved into place; the caller deletes whatever is
   * left of it afterwards. This default reads it whole, for backends that have nothing better.
   */
  default void save(FileType type, String name, Path file) {
    byte[] data;
    try {
      data = Files.readAllBytes(file);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
    save(type, name, data, data.length);
  }

  /** The size of a file to be stored with {@link #save(FileType, String, Path)}. */
  static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  private static HostkeepException unreadable(Path file, IOException e) {
    return new HostkeepException("cannot read " + file + " to store it: " + e.getMessage(), e);
  }

  /** All of a file; a missing one is a {@link NotFoundException}. */
  byte[] load(FileType type, String name);

  /** {@code length} bytes of a file from {@code offset}. */
  byte[] load(FileType type, String name, long offset, int length);

  /**
   * {@code length} bytes of a file from {@code offset}, into {@code into} from its start, for
   * callers that use their arrays again; this default copies what {@link #load} returns.
   */
  default void loadInto(FileType type, String name, long offset, int length, byte[] into) {
    System.arraycopy(load(type, name, offset, length), 0, into, 0, length);
  }

  boolean exists(FileType type, String name);

  /** Every file of one type with its size, in no particular order; stray non-files are skipped. */
  List<Entry> list(FileType type);

  /** Deletes a file; deleting one that is already gone is not an error. */
  void remove(FileType type, String name);

  @Override
  void close();

  /** A stored file's name and size. */
  record Entry(String name, long size) {}

  /** The file asked for does not exist. */
  final class NotFoundException extends RuntimeException {
    public NotFoundException(String what) {
      super(what + " does not exist");
    }
  }
}
