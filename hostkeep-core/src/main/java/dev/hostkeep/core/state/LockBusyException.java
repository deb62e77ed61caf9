package dev.hostkeep.core.state;

import dev.hostkeep.core.ExitCode;
import dev.hostkeep.core.HostkeepException;

/** Another live hostkeep process holds the run lock. */
public final class LockBusyException extends HostkeepException {
  public LockBusyException(LockInfo holder) {
    super(
        ExitCode.FAILURE,
        true,
        "'"
            + holder.name()
            + "' is being run by process "
            + holder.pid()
            + " on "
            + holder.host()
            + " since "
            + holder.acquiredAt()
            + "; try again when it finishes",
        null);
  }
}
