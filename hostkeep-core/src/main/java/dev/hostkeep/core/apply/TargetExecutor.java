package dev.hostkeep.core.apply;

import dev.hostkeep.core.plan.Change;

/**
 * Carries out changes on one target, one change at a time. A capability supplies one per target.
 *
 * <p>{@link #apply} returns normally only when the target confirmed the change; anything else is an
 * exception. A {@link dev.hostkeep.core.HostkeepException} marked retriable (timeouts, 5xx,
 * throttling) is tried again with backoff, honouring its {@code retryAfter}; any other exception
 * fails that change alone and the other changes go on.
 */
public interface TargetExecutor {
  void apply(Change change) throws Exception;

  /** Concurrency, pacing and retries for this target. */
  default ApplySettings settings() {
    return ApplySettings.DEFAULT;
  }
}
