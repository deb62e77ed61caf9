package dev.hostkeep.core.state;

import java.time.Instant;

/**
 * One run of a capability. {@code finishedAt} and {@code result} are {@code null} while it runs; a
 * run whose process died stays unfinished, which {@code hostkeep status} shows.
 */
public record RunRecord(
    long id,
    String capability,
    String mode,
    String host,
    long pid,
    Instant startedAt,
    Instant finishedAt,
    String result,
    int applied,
    int failed) {

  public RunRecord finished(Instant at, String result, int applied, int failed) {
    return new RunRecord(id, capability, mode, host, pid, startedAt, at, result, applied, failed);
  }
}
