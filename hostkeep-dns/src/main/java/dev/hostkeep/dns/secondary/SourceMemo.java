package dev.hostkeep.dns.secondary;

import dev.hostkeep.core.state.RecordKey;
import dev.hostkeep.core.state.StateStore;
import java.util.Optional;

/**
 * What the state remembers of one entry's source: the {@linkplain ZoneSource#version() version} its
 * last listing was read under, with the digest of that listing and the entry's policy. A soft run
 * that finds the source still at that version knows the digest without reading the source (a folder
 * of 10,000 zone files), and when every target is in line with it, there is nothing to do.
 */
final class SourceMemo {
  private static final String KEY = "meta:source_version";

  private final StateStore state;
  private final RecordKey key;

  /** A listing's version and digest, to be remembered once the run is over. */
  record Read(String entry, Policy policy, String version, String digest) {}

  SourceMemo(StateStore state, String entry) {
    this.state = state;
    this.key = new RecordKey(TargetCache.CAPABILITY, entry, KEY);
  }

  /** The digest remembered for the source at {@code version} under {@code policy}, if any. */
  Optional<String> digest(Policy policy, String version) {
    String prefix = value(policy, version, "");
    return state
        .get(key)
        .map(record -> record.value())
        .filter(value -> value.startsWith(prefix))
        .map(value -> value.substring(prefix.length()));
  }

  /** Remembers {@code read}, writing only when it differs from what is remembered. */
  void remember(Read read) {
    String value = value(read.policy(), read.version(), read.digest());
    if (!state.get(key).map(record -> record.value()).filter(value::equals).isPresent()) {
      state.put(key, value);
    }
  }

  private static String value(Policy policy, String version, String digest) {
    return policy.name() + "\n" + version + "\n" + digest;
  }
}
