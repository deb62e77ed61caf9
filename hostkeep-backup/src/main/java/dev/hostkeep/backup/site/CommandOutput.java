package dev.hostkeep.backup.site;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.host.Command;
import dev.hostkeep.core.host.Host;
import dev.hostkeep.core.host.RemoteProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A command's standard output as a stream that fails instead of ending when the command fails: at
 * end of output it waits for the exit status and throws {@link PartFailedException} (with the tail
 * of the command's stderr) for anything but 0. So a dump that dies half-way can never be read as a
 * short but complete backup. Standard error is drained all along, so the command never blocks on
 * it.
 */
final class CommandOutput extends InputStream {
  private final RemoteProcess process;
  private final InputStream out;
  private final String what;
  private final Thread drain;
  private final OutputTail errors = new OutputTail();
  private final int highestOk;
  private boolean ended;
  private long produced;

  private CommandOutput(RemoteProcess process, String what, int highestOk) {
    this.process = process;
    this.highestOk = highestOk;
    this.out = process.stdout();
    this.what = what;
    this.drain =
        Thread.ofVirtual()
            .name("stderr-" + what)
            .start(
                () -> {
                  try (InputStream err = process.stderr()) {
                    err.transferTo(errors);
                  } catch (IOException e) {
                    // the process is gone; its exit status tells the rest
                  }
                });
  }

  /**
   * Starts {@code command} on {@code host}, writes {@code stdin} to it and closes its input.
   *
   * @param what how messages name the command, e.g. {@code mariadb-dump shop on web1}
   */
  static CommandOutput start(Host host, Command command, byte[] stdin, String what) {
    return start(host, command, stdin, what, 0);
  }

  /**
   * As {@link #start(Host, Command, byte[], String)}, for a command whose exit statuses up to
   * {@code highestOk} mean success (with warnings: GNU tar exits with 1 when a file changed while
   * it read it).
   */
  static CommandOutput start(Host host, Command command, byte[] stdin, String what, int highestOk) {
    CommandOutput output = new CommandOutput(host.start(command), what, highestOk);
    try (OutputStream in = output.process.stdin()) {
      in.write(stdin);
    } catch (IOException e) {
      // the command exited before reading its input; its exit status will say why
    }
    return output;
  }

  /** Writes a command's standard input. */
  @FunctionalInterface
  interface Input {
    void writeTo(OutputStream in) throws IOException;
  }

  /**
   * Runs {@code command} with {@code prefix}, then what {@code input} writes, then {@code suffix}
   * as its standard input (a dump loaded into a database), its output discarded, failing as the
   * stream does. {@code suffix} is sent only when {@code input} wrote everything: a load can make
   * its commit depend on it. A command that stops reading early and still exits with 0 fails too:
   * it cannot have loaded it all.
   */
  static void feed(
      Host host, Command command, byte[] prefix, Input input, byte[] suffix, String what)
      throws IOException {
    try (CommandOutput output = new CommandOutput(host.start(command), what, 0)) {
      IOException[] failed = new IOException[1];
      Thread reader =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      output.transferTo(OutputStream.nullOutputStream());
                    } catch (IOException e) {
                      failed[0] = e;
                    }
                  });
      IOException cutOff = null;
      IOException unreadable = null;
      try (Sink in = new Sink(output.process.stdin())) {
        in.write(prefix);
        try {
          input.writeTo(in);
        } catch (IOException e) {
          if (!in.failed) {
            throw new Unreadable(e);
          }
          throw e;
        }
        in.write(suffix);
      } catch (Unreadable e) {
        unreadable = e.getCause(); // the command got end of input without the suffix
      } catch (IOException e) {
        cutOff = e; // the command exited early; its exit status says why
      }
      try {
        reader.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PartFailedException(what + " was interrupted");
      }
      if (unreadable != null) {
        throw new PartFailedException(
            what + " stopped: the dump could not be read: " + unreadable.getMessage(), unreadable);
      }
      if (failed[0] != null) {
        throw failed[0];
      }
      if (cutOff != null) {
        throw new PartFailedException(
            what + " stopped reading its input: " + cutOff.getMessage(), cutOff);
      }
    }
  }

  /** A command's standard input that remembers whether writing to it failed. */
  private static final class Sink extends java.io.FilterOutputStream {
    private boolean failed;

    Sink(OutputStream in) {
      super(in);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      try {
        out.write(bytes, offset, length);
      } catch (IOException e) {
        failed = true;
        throw e;
      }
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }
  }

  /** The input of {@link #feed} failed (not the command's end of it). */
  private static final class Unreadable extends IOException {
    Unreadable(IOException cause) {
      super(cause);
    }

    @Override
    public synchronized IOException getCause() {
      return (IOException) super.getCause();
    }
  }

  /** Runs {@code command} to its end and returns its output, failing as the stream does. */
  static String run(Host host, Command command, byte[] stdin, String what) throws IOException {
    try (CommandOutput output = start(host, command, stdin, what)) {
      return new String(output.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (ended) {
      return -1;
    }
    int n = out.read(buffer, offset, length);
    if (n < 0) {
      ended = true;
      finish();
    } else {
      produced += n;
    }
    return n;
  }

  private void finish() throws IOException {
    int status;
    try {
      status = process.waitFor();
    } catch (HostkeepException e) {
      throw new PartFailedException(what + " did not finish: " + e.getMessage());
    }
    try {
      drain.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // A warning status with no output at all is a refusal: a tar that is not GNU tar prints its
    // usage and exits with 1, the status GNU tar uses for "a file changed as we read it".
    if (status < 0 || status > highestOk || (status > 0 && produced == 0)) {
      String tail = errors.text();
      throw new PartFailedException(
          what
              + " failed (exit status "
              + status
              + (status > 0 && status <= highestOk ? ", and no output" : "")
              + ")"
              + (tail.isEmpty() ? "" : ": " + tail));
    }
  }

  /** What the command wrote to stderr so far (its last few KiB), for warnings. */
  String stderr() {
    return errors.text();
  }

  @Override
  public void close() {
    process.close();
  }
}
