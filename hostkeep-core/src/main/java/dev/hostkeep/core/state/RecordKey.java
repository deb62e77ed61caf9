package dev.hostkeep.core.state;

import java.util.Objects;

/** Names one remembered record: a capability, one of its targets, and a key within that target. */
public record RecordKey(String capability, String target, String key) {
  public RecordKey {
    Objects.requireNonNull(capability, "capability");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(key, "key");
  }
}
