package dev.hostkeep.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * A real server process started by a test: output goes to a log file in the server's temp folder,
 * readiness is polled, and {@link #close()} stops it by PID (TERM, then KILL after a grace period).
 * When a server does not come up, the failure message carries the tail of its log.
 */
public final class ServerProcess implements AutoCloseable {
  private static final Duration GRACE = Duration.ofSeconds(10);

  private final String name;
  private final Process process;
  private final Path log;

  private ServerProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code command} in {@code workDir} with its output in {@code workDir/<name>.log}. */
  public static ServerProcess start(
      String name, List<String> command, Path workDir, Map<String, String> env) {
    Path log = workDir.resolve(name + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().putAll(env);
    try {
      Process process = builder.start();
      killOnJvmExit(process);
      return new ServerProcess(name, process, log);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name + ": " + command, e);
    }
  }

  // A test JVM that dies or is interrupted before close() must not leave servers holding ports.
  private static void killOnJvmExit(Process process) {
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
  }

  public long pid() {
    return process.pid();
  }

  public Path log() {
    return log;
  }

  /**
   * Polls {@code ready} until it holds; fails with the log tail if the process dies or time runs
   * out, and then stops the process.
   */
  public ServerProcess awaitReady(Duration timeout, BooleanSupplier ready) {
    try {
      return await("ready", timeout, ready);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Polls {@code condition} (described as {@code what}, e.g. "serving zone x.test") until it holds;
   * fails with the log tail if the process dies or time runs out, leaving the process running.
   */
  public ServerProcess await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return this;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name
                + " exited with status "
                + process.exitValue()
                + " before it was "
                + what
                + ":\n"
                + logTail());
      }
      sleep(50);
    }
    throw new IllegalStateException(
        name + " not " + what + " after " + timeout + ":\n" + logTail());
  }

  /** Waits until something accepts TCP connections on 127.0.0.1:{@code port}. */
  public ServerProcess awaitPort(int port, Duration timeout) {
    return awaitReady(timeout, () -> tcpOpen(port));
  }

  /** Whether something accepts TCP connections on 127.0.0.1:{@code port}. */
  public static boolean tcpOpen(int port) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The last lines of the server's log, for failure messages. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Stops the server (TERM, then KILL after a grace period) and waits until it has exited. */
  @Override
  public void close() {
    stop(process.toHandle());
  }

  /** Stops a process by PID: TERM, then KILL if it has not gone after the grace period. */
  public static void stopPid(long pid) {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    handle.ifPresent(ServerProcess::stop);
  }

  private static void stop(ProcessHandle handle) {
    if (!handle.isAlive()) {
      return;
    }
    handle.destroy();
    if (!awaitExit(handle, GRACE)) {
      handle.destroyForcibly();
      awaitExit(handle, GRACE);
    }
  }

  private static boolean awaitExit(ProcessHandle handle, Duration timeout) {
    try {
      handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a server", e);
    }
  }
}
