package dev.hostkeep.backup.archive;

import dev.hostkeep.core.HostkeepException;

/** A backup or restore that cannot go on: a path to back up is missing, a target not writable. */
public final class ArchiveException extends HostkeepException {
  public ArchiveException(String message) {
    super(message);
  }

  public ArchiveException(String message, Throwable cause) {
    super(message, cause);
  }
}
