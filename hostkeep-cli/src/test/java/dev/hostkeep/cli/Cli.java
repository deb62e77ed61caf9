package dev.hostkeep.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import picocli.CommandLine;

/** Runs the real command line in-process and keeps what it printed. */
final class Cli {
  record Result(int exitCode, String out, String err) {
    String all() {
      return out + err;
    }
  }

  private Cli() {}

  /**
   * {@code hostkeep ARGS} in a JVM of its own on the test class path, for tests that kill it; its
   * output and errors go to one stream, and its temporary files (packs being assembled, which a
   * killed process cannot remove) to {@code scratch}, as the launcher sends them to {@code
   * $TMPDIR}.
   */
  static ProcessBuilder child(java.nio.file.Path scratch, String... args) {
    java.util.List<String> command = new java.util.ArrayList<>();
    command.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--add-opens"); // as the launcher does, for the JDK's Poly1305
    command.add("java.base/com.sun.crypto.provider=ALL-UNNAMED");
    command.add("-Djava.io.tmpdir=" + scratch);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(java.util.List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true);
  }

  /**
   * Every run sets the process's logging (format, level) from its options, so a test that reads the
   * log runs {@link #alone}: no other test's command line runs meanwhile.
   */
  private static final ReentrantReadWriteLock LOGGING = new ReentrantReadWriteLock();

  static Result run(String... args) {
    LOGGING.readLock().lock();
    try {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine commandLine = Main.commandLine(args);
      commandLine.setOut(new PrintWriter(out, true));
      commandLine.setErr(new PrintWriter(err, true));
      int code = commandLine.execute(args);
      return new Result(code, out.toString(), err.toString());
    } finally {
      LOGGING.readLock().unlock();
    }
  }

  /**
   * Runs {@code work} (which may call {@link #run}) while no other thread runs a command line: for
   * tests that read what is logged, whose format and level another test's options would change.
   */
  static <T> T alone(Callable<T> work) throws Exception {
    LOGGING.writeLock().lock();
    try {
      return work.call();
    } finally {
      LOGGING.writeLock().unlock();
    }
  }
}
