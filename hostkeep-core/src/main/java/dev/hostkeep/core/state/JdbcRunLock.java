package dev.hostkeep.core.state;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A held run lock whose lease a daemon thread renews until it is released. A platform thread, not a
 * virtual one: the first virtual thread starts the ForkJoinPool that carries it, which a short run
 * would pay for only to stop again.
 */
final class JdbcRunLock implements RunLock {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcRunLock.class);

  private final String name;
  private final String token;
  private final JdbcStateStore store;
  private final CountDownLatch released = new CountDownLatch(1);
  private final AtomicBoolean closed = new AtomicBoolean();

  JdbcRunLock(String name, String token, JdbcStateStore store, Duration renewEvery) {
    this.name = name;
    this.token = token;
    this.store = store;
    Thread.ofPlatform()
        .daemon()
        .name("hostkeep-lock-" + name)
        .start(() -> renewUntilReleased(renewEvery));
  }

  @Override
  public String name() {
    return name;
  }

  // Waits on a latch rather than being interrupted: an interrupt could land inside a JDBC call and
  // break the shared connection. A renewal racing with release matches no row, which is harmless.
  private void renewUntilReleased(Duration renewEvery) {
    try {
      while (!released.await(renewEvery.toMillis(), TimeUnit.MILLISECONDS)) {
        try {
          if (!store.renew(name, token)) {
            if (!closed.get()) {
              LOG.warn("run lock '{}' was taken over by another process; stopped renewing", name);
            }
            return;
          }
        } catch (RuntimeException e) {
          LOG.warn("could not renew run lock '{}'; will try again: {}", name, e.getMessage());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      released.countDown();
      store.release(this, token);
    }
  }
}
