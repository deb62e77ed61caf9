package dev.hostkeep.core.state;

/** A held run lock. Its lease is renewed in the background until {@link #close()} releases it. */
public interface RunLock extends AutoCloseable {
  String name();

  /** Releases the lock; releasing twice does nothing. */
  @Override
  void close();
}
