package dev.hostkeep.backup.repo;

import dev.hostkeep.core.HostkeepException;

/**
 * A repository that cannot be used as asked: a wrong password, damaged or missing data, a format
 * this version does not know. Storage outages are retriable {@link HostkeepException}s instead.
 */
public final class RepositoryException extends HostkeepException {
  public RepositoryException(String message) {
    super(message);
  }

  public RepositoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
