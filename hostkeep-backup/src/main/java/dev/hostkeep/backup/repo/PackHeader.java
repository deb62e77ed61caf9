package dev.hostkeep.backup.repo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A pack's table of contents, as restic writes it after the blobs: per blob a type byte, its sealed
 * length, its uncompressed length when compressed, and its id; the sealed header is followed by its
 * length as a little-endian uint32.
 */
final class PackHeader {
  private static final int PLAIN_ENTRY = 37;
  private static final int COMPRESSED_ENTRY = 41;

  private PackHeader() {}

  static byte[] encode(List<PackedBlob> blobs) {
    int size = 0;
    for (PackedBlob blob : blobs) {
      size += blob.compressed() ? COMPRESSED_ENTRY : PLAIN_ENTRY;
    }
    ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    for (PackedBlob blob : blobs) {
      int type = blob.type() == BlobType.DATA ? 0 : 1;
      out.put((byte) (blob.compressed() ? type + 2 : type));
      out.putInt(blob.length());
      if (blob.compressed()) {
        out.putInt(blob.uncompressedLength());
      }
      out.put(blob.id().bytes());
    }
    return out.array();
  }

  /**
   * The blobs of a pack from {@code tail}, the last bytes of the pack (at least the header and its
   * length); {@code size} is the whole pack's size.
   */
  static List<PackedBlob> read(MasterKey key, Id pack, byte[] tail, long size) {
    if (tail.length < 4) {
      throw new RepositoryException("pack " + pack + " is too short (" + size + " bytes)");
    }
    int headerLength =
        ByteBuffer.wrap(tail, tail.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    if (headerLength < MasterKey.OVERHEAD || headerLength > tail.length - 4) {
      throw new RepositoryException(
          "pack "
              + pack
              + " has a damaged header length ("
              + Integer.toUnsignedString(headerLength)
              + " of "
              + size
              + " bytes)");
    }
    byte[] header;
    try {
      header = key.decrypt(tail, tail.length - 4 - headerLength, headerLength);
    } catch (MasterKey.MacMismatchException e) {
      throw new RepositoryException("pack " + pack + " has a damaged header: " + e.getMessage());
    }
    List<PackedBlob> blobs = decode(pack, header);
    long end = 0;
    for (PackedBlob blob : blobs) {
      end = blob.offset() + blob.length();
    }
    if (end + headerLength + 4 != size) {
      throw new RepositoryException(
          "pack "
              + pack
              + " is "
              + size
              + " bytes but its header accounts for "
              + (end + headerLength + 4));
    }
    return blobs;
  }

  /** The blobs of pack {@code pack} from its decrypted header. */
  static List<PackedBlob> decode(Id pack, byte[] header) {
    ByteBuffer in = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
    List<PackedBlob> blobs = new ArrayList<>();
    long offset = 0;
    while (in.hasRemaining()) {
      int type = in.get() & 0xff;
      if (type > 3 || in.remaining() < (type >= 2 ? 40 : 36)) {
        throw new RepositoryException(
            "pack " + pack + " has a damaged header (entry type " + type + ")");
      }
      int length = in.getInt();
      int uncompressed = type >= 2 ? in.getInt() : 0;
      byte[] id = new byte[32];
      in.get(id);
      BlobType blobType = (type & 1) == 0 ? BlobType.DATA : BlobType.TREE;
      blobs.add(new PackedBlob(Id.ofDigest(id), blobType, pack, offset, length, uncompressed));
      offset += Integer.toUnsignedLong(length);
    }
    return blobs;
  }
}
