package dev.hostkeep.core.state;

import java.time.Instant;

/** A remembered value and when it was last written. */
public record StoredRecord(RecordKey key, String value, Instant updatedAt) {}
