package dev.hostkeep.backup.repo;

/**
 * Where a blob is stored: its pack, the offset and sealed length inside it, and its length before
 * compression ({@code 0} when it is stored uncompressed).
 */
public record PackedBlob(
    Id id, BlobType type, Id pack, long offset, int length, int uncompressedLength) {

  public boolean compressed() {
    return uncompressedLength > 0;
  }

  /** The plaintext size: what the blob adds to a file. */
  public int plainLength() {
    return compressed() ? uncompressedLength : length - MasterKey.OVERHEAD;
  }
}
