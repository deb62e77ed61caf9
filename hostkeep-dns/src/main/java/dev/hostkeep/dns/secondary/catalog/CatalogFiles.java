package dev.hostkeep.dns.secondary.catalog;

import dev.hostkeep.core.HostkeepException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Replaces a zone file atomically: the new content goes to a temp file in the same folder, is
 * synced, takes the old file's permissions (or rw-r--r--, so the name server can read it) and is
 * renamed over the old one. A reader sees the old file or the new one, never half of one.
 */
final class CatalogFiles {
  private static final Set<PosixFilePermission> READABLE =
      PosixFilePermissions.fromString("rw-r--r--");

  private CatalogFiles() {}

  static void replace(Path file, byte[] content) {
    Path temp = null;
    try {
      Path dir = file.getParent();
      temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.write(java.nio.ByteBuffer.wrap(content));
        channel.force(true);
      }
      Files.setPosixFilePermissions(
          temp, Files.exists(file) ? Files.getPosixFilePermissions(file) : READABLE);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      temp = null;
    } catch (IOException e) {
      throw new HostkeepException(
          "cannot write catalog zone file " + file + ": " + e.getMessage(), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // the temp file is all that is left behind
        }
      }
    }
  }

  static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new HostkeepException("cannot delete " + file + ": " + e.getMessage(), e);
    }
  }
}
