package dev.hostkeep.backup.repo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One pack being filled with sealed blobs of one type; not thread-safe (its saver locks). */
final class PackBuilder {
  private final BlobType type;
  private byte[] buffer;
  private int size;
  private final List<PackedBlob> blobs = new ArrayList<>();

  /** A pack filled into {@code buffer} (grown if it is too small; see {@link Finished#buffer}). */
  PackBuilder(BlobType type, byte[] buffer) {
    this.type = type;
    this.buffer = buffer;
  }

  BlobType type() {
    return type;
  }

  int size() {
    return size;
  }

  void add(Id id, byte[] sealed, int uncompressedLength) {
    if (size + sealed.length > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + sealed.length));
    }
    System.arraycopy(sealed, 0, buffer, size, sealed.length);
    blobs.add(new PackedBlob(id, type, null, size, sealed.length, uncompressedLength));
    size += sealed.length;
  }

  /**
   * The finished pack, built in place: blobs, the sealed header and its length, named by the
   * SHA-256 of those {@code length} bytes of {@code buffer}.
   */
  Finished finish(MasterKey key) {
    byte[] header = PackHeader.encode(blobs);
    int length = size + header.length + MasterKey.OVERHEAD + 4;
    if (length > buffer.length) {
      buffer = Arrays.copyOf(buffer, length);
    }
    key.encryptInto(header, 0, header.length, buffer, size);
    ByteBuffer.wrap(buffer, length - 4, 4)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putInt(header.length + MasterKey.OVERHEAD);
    Id id = Id.of(buffer, 0, length);
    List<PackedBlob> placed = new ArrayList<>(blobs.size());
    for (PackedBlob blob : blobs) {
      placed.add(
          new PackedBlob(
              blob.id(), type, id, blob.offset(), blob.length(), blob.uncompressedLength()));
    }
    return new Finished(id, buffer, length, placed);
  }

  /** A pack: its first {@code length} bytes of {@code buffer}, which the saver reuses after. */
  record Finished(Id id, byte[] buffer, int length, List<PackedBlob> blobs) {}
}
