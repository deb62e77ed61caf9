package dev.hostkeep.core;

/**
 * The one root of hostkeep's own failures. Its {@link ExitCode} decides the process exit status,
 * and {@link #retriable()} tells the applier whether trying again could help (a network error) or
 * not (a refused credential, a malformed zone file). Messages say what failed, with which value,
 * and what to do; they never contain secrets.
 */
public class HostkeepException extends RuntimeException {
  private final ExitCode exitCode;
  private final boolean retriable;

  public HostkeepException(ExitCode exitCode, boolean retriable, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
    this.retriable = retriable;
  }

  public HostkeepException(String message) {
    this(ExitCode.FAILURE, false, message, null);
  }

  public HostkeepException(String message, Throwable cause) {
    this(ExitCode.FAILURE, false, message, cause);
  }

  /** A failure that may go away when tried again (timeouts, 5xx, throttling). */
  public static HostkeepException retriable(String message, Throwable cause) {
    return new HostkeepException(ExitCode.FAILURE, true, message, cause);
  }

  /** Bad usage or configuration: exit code 2, nothing attempted. */
  public static HostkeepException usage(String message) {
    return new HostkeepException(ExitCode.USAGE, false, message, null);
  }

  public ExitCode exitCode() {
    return exitCode;
  }

  public boolean retriable() {
    return retriable;
  }
}
