package dev.hostkeep.core.host;

import dev.hostkeep.core.HostkeepException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicReference;

/** Feeds a process's stdin and drains its stdout and stderr at once, in fixed-size chunks. */
final class StreamPump {
  private static final int CHUNK = 64 * 1024;

  private StreamPump() {}

  static int pump(RemoteProcess process, InputStream in, OutputStream out, OutputStream err) {
    AtomicReference<HostkeepException> failure = new AtomicReference<>();
    Thread.ofVirtual().name("pump-stdin").start(() -> feed(process, in, failure));
    Thread stdout = drain(process, process.stdout(), out, "stdout", failure);
    Thread stderr = drain(process, process.stderr(), err, "stderr", failure);
    join(stdout);
    join(stderr);
    if (failure.get() != null) {
      throw failure.get();
    }
    int status;
    try {
      status = process.waitFor();
    } catch (HostkeepException e) {
      throw failure.get() != null ? failure.get() : e;
    }
    if (failure.get() != null) {
      throw failure.get(); // the input failed while the command was finishing
    }
    return status;
  }

  private static void feed(
      RemoteProcess process, InputStream in, AtomicReference<HostkeepException> failure) {
    try (OutputStream stdin = process.stdin()) {
      if (in == null) {
        return;
      }
      byte[] buffer = new byte[CHUNK];
      int n;
      while ((n = read(in, buffer, process, failure)) != -1) {
        stdin.write(buffer, 0, n);
      }
    } catch (IOException e) {
      // The command stopped reading (it exited or closed stdin); its exit status tells the story.
    }
  }

  private static int read(
      InputStream in,
      byte[] buffer,
      RemoteProcess process,
      AtomicReference<HostkeepException> failure) {
    try {
      return in.read(buffer);
    } catch (IOException e) {
      failure.compareAndSet(
          null, new HostkeepException("reading the command's input failed: " + e.getMessage(), e));
      process.close();
      return -1;
    }
  }

  private static Thread drain(
      RemoteProcess process,
      InputStream from,
      OutputStream to,
      String name,
      AtomicReference<HostkeepException> failure) {
    OutputStream sink = to == null ? OutputStream.nullOutputStream() : to;
    return Thread.ofVirtual()
        .name("pump-" + name)
        .start(
            () -> {
              byte[] buffer = new byte[CHUNK];
              try (from) {
                int n;
                while ((n = from.read(buffer)) != -1) {
                  write(sink, buffer, n, name, process);
                }
                sink.flush();
              } catch (IOException e) {
                // A dropped connection ends the stream early; waitFor reports it.
              } catch (HostkeepException e) {
                failure.compareAndSet(null, e);
              }
            });
  }

  private static void write(
      OutputStream sink, byte[] buffer, int n, String name, RemoteProcess process) {
    try {
      sink.write(buffer, 0, n);
    } catch (IOException e) {
      process.close();
      throw new HostkeepException(
          "writing the command's " + name + " failed: " + e.getMessage(), e);
    }
  }

  private static void join(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HostkeepException("interrupted while copying a command's output", e);
    }
  }
}
