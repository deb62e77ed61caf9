package dev.hostkeep.backup.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * Whole objects under free-form keys ({@code shop/db/2026/12/03/021500.sql.zst.gpg}) in the same
 * places a repository can live: a local folder, an S3 bucket, an SFTP folder. Unlike {@link
 * Backend}, an object is written from a stream of unknown length, so a dump of any size goes
 * straight through. {@link #put} makes an object visible under its key only once all of it is
 * stored, and only to the store's owner: local files are mode 0600, S3 objects carry the {@code
 * private} canned ACL.
 */
public interface ObjectStore extends AutoCloseable {
  /** Writes an object's bytes; whatever it throws aborts the object. */
  @FunctionalInterface
  interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Where this is, for messages: a path or URL without credentials. */
  String location();

  /**
   * Stores what {@code content} writes as {@code key}, atomically: if {@code content} or the upload
   * fails, nothing appears under {@code key} and the failure is thrown.
   *
   * @return the bytes stored
   */
  long put(String key, Content content) throws IOException;

  /** Reads an object; a missing one is a {@link Backend.NotFoundException}. */
  InputStream open(String key);

  /** Every object whose key starts with {@code prefix}, at any depth, in no particular order. */
  List<Backend.Entry> list(String prefix);

  /** Deletes an object; deleting one that is already gone is not an error. */
  void delete(String key);

  @Override
  void close();

  /** Counts what passes through, so {@link #put} can say how much it stored. */
  final class Counting extends java.io.FilterOutputStream {
    private long count;

    public Counting(OutputStream out) {
      super(out);
    }

    public long count() {
      return count;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }

  /** Refuses keys that could escape the store's folder or name a hidden temporary file. */
  static String checkKey(String key) {
    for (String segment : key.split("/", -1)) {
      if (segment.isEmpty() || segment.startsWith(".")) {
        throw new IllegalArgumentException("not a valid object key: '" + key + "'");
      }
    }
    return key;
  }
}
