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

  /** Waits for the command to end and returns its exit status. */
  int waitFor();

  /**
   * Waits at most {@code timeout}; returns the exit status, or {@code -1} if it is still running.
   */
  int waitFor(Duration timeout);

  /**
   * Copies {@code in} (or nothing, when {@code null}) to stdin and stdout/stderr to {@code
   * out}/{@code err} concurrently, then returns the exit status.
   */
  int pump(InputStream in, OutputStream out, OutputStream err);

  /** Ends the command if it still runs and frees its resources. */
  @Override
  void close();
}
