package dev.hostkeep.dns.provider.ovh;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.dns.secondary.OwnercheckPublisher;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link OwnercheckPublisher} that "publishes" into a map the fake OVH resolves against, and
 * records each step so tests can check the order.
 */
final class RecordingPublisher implements OwnercheckPublisher {
  private final Map<String, String> served = new ConcurrentHashMap<>();
  private final List<String> steps = new CopyOnWriteArrayList<>();
  private volatile boolean serve = true;

  /** From now on, published tokens are never served (as if the primary were not reloaded). */
  RecordingPublisher neverServing() {
    serve = false;
    return this;
  }

  /** What a DNS lookup of {@code name} TXT would return. */
  Collection<String> txt(String name) {
    String token = served.get(name);
    return token == null ? List.of() : List.of(token);
  }

  List<String> steps() {
    return List.copyOf(steps);
  }

  @Override
  public void publish(String zone, String token) {
    steps.add("publish " + zone + " " + token);
    if (serve) {
      served.put("ownercheck." + zone, token);
    }
  }

  @Override
  public void awaitServed(String zone, String token, Duration timeout) {
    steps.add("await " + zone);
    if (!token.equals(served.get("ownercheck." + zone))) {
      throw HostkeepException.retriable(
          "ownercheck." + zone + " TXT not served within " + timeout, null);
    }
  }

  @Override
  public void withdraw(String zone) {
    steps.add("withdraw " + zone);
    served.remove("ownercheck." + zone);
  }
}
