package dev.hostkeep.backup.storage;

import dev.hostkeep.core.HostkeepException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries what another backend reports as transient ({@link HostkeepException#retriable()}: a
 * dropped connection, a timeout, an HTTP 5xx or 429, a server that asks to slow down), with
 * exponential backoff and jitter, honouring a server's retry-after. Everything else (a missing
 * file, a refused login, a full disk) fails at once. Retrying is safe because every repository file
 * is named by its content and saved atomically: a repeated save stores the same bytes again.
 */
public final class RetryingBackend implements Backend {
  private static final Logger LOG = LoggerFactory.getLogger(RetryingBackend.class);

  /**
   * How hard to try: {@code attempts} in all, waiting {@code firstDelay} after the first failure
   * and doubling up to {@code maxDelay}.
   */
  public record Policy(int attempts, Duration firstDelay, Duration maxDelay) {
    public Policy {
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
      }
    }

    /** Six attempts over about a minute: 0.5, 1, 2, 4, 8 s (each ±25 %), at most 30 s apart. */
    public static Policy defaults() {
      return new Policy(6, Duration.ofMillis(500), Duration.ofSeconds(30));
    }
  }

  /** Waits between attempts; tests count instead of sleeping. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final Backend inner;
  private final Policy policy;
  private final Sleeper sleeper;

  public RetryingBackend(Backend inner, Policy policy) {
    this(inner, policy, duration -> Thread.sleep(duration));
  }

  public RetryingBackend(Backend inner, Policy policy, Sleeper sleeper) {
    this.inner = inner;
    this.policy = policy;
    this.sleeper = sleeper;
  }

  @Override
  public String location() {
    return inner.location();
  }

  @Override
  public boolean initialized() {
    return call("look for the repository's config", inner::initialized);
  }

  @Override
  public void create() {
    run("create the repository", inner::create);
  }

  @Override
  public void save(FileType type, String name, byte[] data, int length) {
    run("store " + type.path(name), () -> inner.save(type, name, data, length));
  }

  @Override
  public void save(FileType type, String name, Path file) {
    run("store " + type.path(name), () -> inner.save(type, name, file));
  }

  @Override
  public byte[] load(FileType type, String name) {
    return call("read " + type.path(name), () -> inner.load(type, name));
  }

  @Override
  public byte[] load(FileType type, String name, long offset, int length) {
    return call("read " + type.path(name), () -> inner.load(type, name, offset, length));
  }

  @Override
  public void loadInto(FileType type, String name, long offset, int length, byte[] into) {
    call(
        "read " + type.path(name),
        () -> {
          inner.loadInto(type, name, offset, length, into);
          return null;
        });
  }

  @Override
  public boolean exists(FileType type, String name) {
    return call("look for " + type.path(name), () -> inner.exists(type, name));
  }

  @Override
  public List<Entry> list(FileType type) {
    return call("list " + type.folder(), () -> inner.list(type));
  }

  @Override
  public void remove(FileType type, String name) {
    run("delete " + type.path(name), () -> inner.remove(type, name));
  }

  @Override
  public void close() {
    inner.close();
  }

  private void run(String what, Runnable operation) {
    call(
        what,
        () -> {
          operation.run();
          return null;
        });
  }

  private <T> T call(String what, Supplier<T> operation) {
    Duration delay = policy.firstDelay();
    for (int attempt = 1; ; attempt++) {
      try {
        return operation.get();
      } catch (HostkeepException e) {
        if (!e.retriable() || attempt >= policy.attempts()) {
          throw attempt == 1
              ? e
              : new HostkeepException(
                  e.exitCode(),
                  false,
                  e.getMessage() + " (gave up after " + attempt + " attempts)",
                  e);
        }
        Duration wait = e.retryAfter().orElse(jittered(delay));
        LOG.warn(
            "could not {} in {} ({}); attempt {} of {} in {}",
            what,
            inner.location(),
            e.getMessage(),
            attempt + 1,
            policy.attempts(),
            wait);
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
        delay = delay.multipliedBy(2);
        if (delay.compareTo(policy.maxDelay()) > 0) {
          delay = policy.maxDelay();
        }
      }
    }
  }

  private static Duration jittered(Duration delay) {
    long millis = delay.toMillis();
    return Duration.ofMillis(millis * 3 / 4 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
  }
}
