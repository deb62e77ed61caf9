package dev.hostkeep.core;

import java.time.Duration;
import java.util.Optional;

/**
 * The one root of hostkeep's own failures. Its {@link ExitCode} decides the process exit status,
 * and {@link #retriable()} tells the applier whether trying again could help (a network error) or
 * not (a refused credential, a malformed zone file). Messages say what failed, with which value,
 * and what to do; they never contain secrets.
 */
public class HostkeepException extends RuntimeException {
  private final ExitCode exitCode;
  private final boolean retriable;
  private final Duration retryAfter;

  public HostkeepException(ExitCode exitCode, boolean retriable, String message, Throwable cause) {
    this(exitCode, retriable, null, message, cause);
  }

  private HostkeepException(
      ExitCode exitCode, boolean retriable, Duration retryAfter, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
    this.retriable = retriable;
    this.retryAfter = retryAfter;
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

  /**
   * The target asked us to slow down and try again after {@code retryAfter} (HTTP 429, throttling).
   */
  public static HostkeepException throttled(String message, Duration retryAfter) {
    return new HostkeepException(ExitCode.FAILURE, true, retryAfter, message, null);
  }

  /**
   * What a background task's {@link Error} becomes, so that it fails the work it was part of; when
   * the heap ran out, the message says how to give hostkeep more.
   */
  public static HostkeepException of(Error error) {
    if (error instanceof OutOfMemoryError) {
      return new HostkeepException(outOfMemory(), error);
    }
    return new HostkeepException("an unexpected error stopped the work: " + error, error);
  }

  /** The message for a full heap: how big it was, and the setting that makes it bigger. */
  public static String outOfMemory() {
    return "hostkeep ran out of memory (its heap is at most "
        + Runtime.getRuntime().maxMemory() / (1024 * 1024)
        + " MiB); run it with more, e.g. HOSTKEEP_JAVA_OPTS=-Xmx1g (a repository of millions of"
        + " files or chunks, or several sites backed up at once, can need it)";
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

  /** How long the target asked us to wait before the next attempt, when it said so. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
