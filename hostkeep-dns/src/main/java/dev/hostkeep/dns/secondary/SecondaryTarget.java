package dev.hostkeep.dns.secondary;

import dev.hostkeep.core.apply.ApplySettings;
import java.util.Set;

/**
 * A secondary DNS service that can be told which zones to serve: an OVH secondary DNS service, a
 * catalog zone on the primary, a PowerDNS server acting as secondary. The {@code secondary}
 * capability observes it, diffs, and adds or removes zones through it.
 *
 * <p>Zone names crossing this interface are normalised: lower case, ASCII (IDN as punycode), no
 * trailing dot, e.g. {@code example.com}. Every call returns only once the service confirmed it and
 * throws otherwise; a {@link dev.hostkeep.core.HostkeepException} marked retriable (timeouts, 429,
 * 5xx) is retried by the engine.
 */
public interface SecondaryTarget {

  /** How plans and logs name this target, e.g. {@code ovh:ns123.ip-1-2-3.eu}. */
  String name();

  /** The zones the service serves now, read from the service itself. */
  Set<String> zones();

  /** Provisions {@code zone}; returns once the service confirmed it. */
  void add(String zone);

  /** Stops serving {@code zone}; returns once the service confirmed it. */
  void remove(String zone);

  /** Concurrency, pacing and retries the service tolerates. */
  default ApplySettings settings() {
    return ApplySettings.DEFAULT;
  }
}
