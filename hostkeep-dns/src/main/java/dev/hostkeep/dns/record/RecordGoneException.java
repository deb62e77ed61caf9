package dev.hostkeep.dns.record;

import dev.hostkeep.core.HostkeepException;

/**
 * The provider no longer knows a record hostkeep remembered (its id was deleted or belongs to
 * nobody). The caller looks the record up again instead of failing forever on a stale id.
 */
public final class RecordGoneException extends HostkeepException {
  public RecordGoneException(String message) {
    super(message);
  }
}
