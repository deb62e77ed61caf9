package dev.hostkeep.backup.site;

import java.io.IOException;

/**
 * A part could not be backed up or restored: its dump or command failed, its folder is missing. An
 * {@link IOException}, so it passes through the archiver's reads and stops the backup before a
 * snapshot is saved.
 */
public final class PartFailedException extends IOException {
  public PartFailedException(String message) {
    super(message);
  }

  public PartFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
