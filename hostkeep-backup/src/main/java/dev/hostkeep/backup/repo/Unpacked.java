package dev.hostkeep.backup.repo;

import dev.hostkeep.backup.storage.Backend;
import dev.hostkeep.backup.storage.FileType;

/**
 * The files that are one sealed JSON document each (index, snapshots, locks, config). In repository
 * version 2 the plaintext is {@code 0x02 ‖ zstd(JSON)}; plain JSON is read too, and is what version
 * 1 repositories and every {@code config} file hold.
 */
final class Unpacked {
  private final Backend backend;
  private final MasterKey key;
  private final boolean compressed;

  Unpacked(Backend backend, MasterKey key, boolean compressed) {
    this.backend = backend;
    this.key = key;
    this.compressed = compressed;
  }

  /** Seals and stores {@code json}; returns the new file's id, which is also its name. */
  Id save(FileType type, byte[] json) {
    byte[] plain = json;
    if (compressed) {
      byte[] frame = Compression.AUTO.compress(json);
      plain = new byte[frame.length + 1];
      plain[0] = 2;
      System.arraycopy(frame, 0, plain, 1, frame.length);
    }
    byte[] sealed = key.encrypt(plain);
    Id id = Id.of(sealed);
    backend.save(type, id.toString(), sealed);
    return id;
  }

  /** Stores the repository's {@code config}, which is never compressed. */
  void saveConfig(byte[] json) {
    backend.save(FileType.CONFIG, "config", key.encrypt(json));
  }

  /** The JSON of file {@code name}, checked against its name where the name is an id. */
  byte[] load(FileType type, String name) {
    byte[] sealed = backend.load(type, name);
    String what = type.path(name);
    if (type != FileType.CONFIG && !Id.of(sealed).toString().equals(name)) {
      throw new RepositoryException(what + " is damaged: its contents do not match its name");
    }
    byte[] plain;
    try {
      plain = key.decrypt(sealed);
    } catch (MasterKey.MacMismatchException e) {
      throw new RepositoryException(what + " is damaged: " + e.getMessage());
    }
    if (plain.length > 0 && plain[0] == 2) {
      return Compression.decompressFrom(plain, 1, what);
    }
    if (plain.length > 0 && (plain[0] == '{' || plain[0] == '[')) {
      return plain;
    }
    throw new RepositoryException(
        what
            + " has an unknown encoding (first byte "
            + (plain.length == 0 ? "none" : plain[0])
            + ")");
  }
}
