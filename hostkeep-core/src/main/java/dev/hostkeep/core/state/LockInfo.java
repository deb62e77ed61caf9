package dev.hostkeep.core.state;

import java.time.Instant;

/** Who holds a run lock, since when, and when its lease was last renewed. */
public record LockInfo(String name, String host, long pid, Instant acquiredAt, Instant renewedAt) {}
