package dev.hostkeep.core.host;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/** A command running on a {@link Host}, with its three streams and its exit status. */
public interface RemoteProcess extends AutoCloseable {

  /** The command's standard input; close it to send end-of-file. */
  OutputStream stdin();

  InputStream stdout();

  InputStream stderr();

  /**
   * Waits for the command to end and returns its exit status.
   *
   * @throws dev.hostkeep.core.HostkeepException when no exit status comes: the command was killed
   *     by a signal, or the connection dropped (retriable)
   */
  int waitFor();

  /**
   * Waits at most {@code timeout}; returns the exit status, or {@code -1} if it is still running.
   */
  int waitFor(Duration timeout);

  /**
   * Copies {@code in} (or nothing, when {@code null}) to stdin and stdout/stderr to {@code
   * out}/{@code err} (discarded when {@code null}) concurrently, then returns the exit status.
   * Memory stays bounded whatever the amount of data. If the command exits before reading all of
   * {@code in}, the rest is not read.
   *
   * @throws dev.hostkeep.core.HostkeepException when reading {@code in} or writing {@code out} or
   *     {@code err} fails (the command is then ended), or as {@link #waitFor()} does
   */
  default int pump(InputStream in, OutputStream out, OutputStream err) {
    return StreamPump.pump(this, in, out, err);
  }

  /** Ends the command if it still runs and frees its resources. */
  @Override
  void close();
}
