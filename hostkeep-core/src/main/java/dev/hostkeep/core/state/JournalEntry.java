package dev.hostkeep.core.state;

import java.time.Instant;

/**
 * What happened to one change: the target confirmed it ({@link Outcome#APPLIED}), or it failed and
 * stays pending, or it was skipped. {@code message} is a short human reason, never a secret.
 */
public record JournalEntry(
    long runId,
    String capability,
    String target,
    String action,
    String kind,
    String key,
    Outcome outcome,
    int attempts,
    String message,
    Instant at) {

  /** The result of one change. */
  public enum Outcome {
    APPLIED,
    FAILED,
    SKIPPED
  }
}
