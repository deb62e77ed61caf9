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

  PackBuilder(BlobType type, int capacity) {
    this.type = type;
    this.buffer = new byte[capacity];
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

  /** The finished pack: blobs, the sealed header and its length; named by its SHA-256. */
  Finished finish(MasterKey key) {
    byte[] header = key.encrypt(PackHeader.encode(blobs));
    byte[] pack = Arrays.copyOf(buffer, size + header.length + 4);
    System.arraycopy(header, 0, pack, size, header.length);
    ByteBuffer.wrap(pack, size + header.length, 4)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putInt(header.length);
    Id id = Id.of(pack);
    List<PackedBlob> placed = new ArrayList<>(blobs.size());
    for (PackedBlob blob : blobs) {
      placed.add(
          new PackedBlob(
              blob.id(), type, id, blob.offset(), blob.length(), blob.uncompressedLength()));
    }
    return new Finished(id, pack, placed);
  }

  record Finished(Id id, byte[] bytes, List<PackedBlob> blobs) {}
}
