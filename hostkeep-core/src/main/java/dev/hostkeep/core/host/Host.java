package dev.hostkeep.core.host;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * A machine hostkeep runs commands on: this one ({@code local}) or one reached over SSH ({@code
 * ssh://user@host:port}). Data is streamed both ways, never buffered whole, so a database dump of
 * any size flows from the remote command straight into its destination.
 */
public interface Host extends AutoCloseable {

  /** How the config names this host: {@code local} or {@code ssh://user@host:port}. */
  String name();

  /**
   * Starts {@code command}. The caller writes its stdin (and closes it to send EOF), reads stdout
   * and stderr concurrently, and calls {@link RemoteProcess#waitFor} for the exit status.
   */
  RemoteProcess start(Command command);

  /**
   * Runs {@code command} to completion, copying {@code stdin} (may be {@code null} for none) to it
   * and its output to {@code stdout} and {@code stderr}, and returns its exit status.
   */
  default int run(Command command, InputStream stdin, OutputStream stdout, OutputStream stderr) {
    try (RemoteProcess process = start(command)) {
      return process.pump(stdin, stdout, stderr);
    }
  }

  /** Closes connections held for this host. */
  @Override
  void close();
}
