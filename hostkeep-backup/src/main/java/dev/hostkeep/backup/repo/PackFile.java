package dev.hostkeep.backup.repo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * One pack being filled with sealed blobs of one type, in a temporary file rather than in memory
 * (as restic does): a backup's memory then does not grow with the pack size or with how many packs
 * wait for their upload. Not thread-safe (its saver locks).
 */
final class PackFile {
  /** Writes go out in slices of this size: the JDK copies each write through a direct buffer. */
  private static final int SLICE = 256 * 1024;

  private final BlobType type;
  private final Path path;
  private final FileChannel channel;
  private final List<PackedBlob> blobs = new ArrayList<>();
  private long size;

  PackFile(BlobType type, Path spool) {
    this.type = type;
    try {
      this.path = Files.createTempFile(spool, "hostkeep-pack-", ".tmp");
      this.channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.READ);
    } catch (IOException e) {
      throw new RepositoryException(
          "cannot make a temporary pack file in " + spool + ": " + e.getMessage(), e);
    }
  }

  long size() {
    return size;
  }

  /** The blobs written so far (their pack not yet named). */
  List<PackedBlob> blobs() {
    return blobs;
  }

  /** Appends a sealed blob of {@code length} bytes from {@code sealed[offset..]}. */
  void add(Id id, byte[] sealed, int offset, int length, int uncompressedLength) {
    write(sealed, offset, length);
    added(id, length, uncompressedLength);
  }

  /**
   * Records that the last {@code length} bytes given to {@link #write} are blob {@code id}, sealed.
   */
  void added(Id id, int length, int uncompressedLength) {
    blobs.add(new PackedBlob(id, type, null, size, length, uncompressedLength));
    size += length;
  }

  /**
   * Appends the sealed header and its length, and names the pack by the SHA-256 of the file (read
   * back from the page cache, on the thread that uploads it rather than the ones that seal blobs).
   */
  Finished finish(MasterKey key) {
    byte[] header = key.encrypt(PackHeader.encode(blobs));
    write(header, 0, header.length);
    byte[] length =
        ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(header.length).array();
    write(length, 0, 4);
    long total = size + header.length + 4;
    Id id = Id.ofDigest(digest(total));
    List<PackedBlob> placed = new ArrayList<>(blobs.size());
    for (PackedBlob blob : blobs) {
      placed.add(
          new PackedBlob(
              blob.id(), type, id, blob.offset(), blob.length(), blob.uncompressedLength()));
    }
    close();
    return new Finished(id, path, total, placed);
  }

  /** Closes the file and deletes it, whether it was finished and stored or not. */
  void discard() {
    close();
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // a temporary file in the spool folder; nothing refers to it
    }
  }

  /** Appends bytes; {@link #added} says which blob they were. */
  void write(byte[] bytes, int offset, int length) {
    try {
      for (int done = 0; done < length; ) {
        ByteBuffer slice = ByteBuffer.wrap(bytes, offset + done, Math.min(SLICE, length - done));
        while (slice.hasRemaining()) {
          done += channel.write(slice);
        }
      }
    } catch (IOException e) {
      throw new RepositoryException("cannot write the temporary pack " + path + ": " + e, e);
    }
  }

  private byte[] digest(long total) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
    ByteBuffer buffer = ByteBuffer.allocate(SLICE);
    try {
      for (long at = 0; at < total; ) {
        buffer.clear();
        int read = channel.read(buffer, at);
        if (read < 0) {
          throw new IOException("the file ended at " + at + " of " + total + " bytes");
        }
        sha.update(buffer.array(), 0, read);
        at += read;
      }
    } catch (IOException e) {
      throw new RepositoryException("cannot read back the temporary pack " + path + ": " + e, e);
    }
    return sha.digest();
  }

  private void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing was lost that finish() did not already read back
    }
  }

  /** A finished pack: the whole of it is {@code path}, {@code length} bytes, named {@code id}. */
  record Finished(Id id, Path path, long length, List<PackedBlob> blobs) {}
}
