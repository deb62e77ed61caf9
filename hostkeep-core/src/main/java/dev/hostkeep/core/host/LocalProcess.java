package dev.hostkeep.core.host;

import dev.hostkeep.core.HostkeepException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A child process. Java reports a process killed by signal N as exit status 128+N, the way a shell
 * does.
 */
final class LocalProcess implements RemoteProcess {
  private final Command command;
  private final Process process;

  LocalProcess(Command command, Process process) {
    this.command = command;
    this.process = process;
  }

  @Override
  public OutputStream stdin() {
    return process.getOutputStream();
  }

  @Override
  public InputStream stdout() {
    return process.getInputStream();
  }

  @Override
  public InputStream stderr() {
    return process.getErrorStream();
  }

  @Override
  public int waitFor() {
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
  }

  @Override
  public int waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS) ? process.exitValue() : -1;
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
    closeQuietly(process.getOutputStream());
    closeQuietly(process.getInputStream());
    closeQuietly(process.getErrorStream());
  }

  private HostkeepException interrupted(InterruptedException e) {
    Thread.currentThread().interrupt();
    return new HostkeepException("interrupted while waiting for `" + command + "` on local", e);
  }

  private static void closeQuietly(AutoCloseable stream) {
    try {
      stream.close();
    } catch (Exception e) {
      // Already closed or broken; nothing left to free.
    }
  }
}
