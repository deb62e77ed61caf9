package dev.hostkeep.core;

/** The process exit codes hostkeep documents; scripts and timers rely on them. */
public enum ExitCode {
  /** Done, or nothing to do. */
  OK(0),
  /** The run failed. */
  FAILURE(1),
  /** Wrong usage or a configuration error: nothing was attempted. */
  USAGE(2),
  /** The guard refused the plan (too many deletions or rewrites); rerun with {@code --force}. */
  GUARD_REFUSED(3),
  /** Some changes were applied, others failed; the failed ones stay pending. */
  PARTIAL(4);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
