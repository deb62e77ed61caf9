package dev.hostkeep.dns.ddns.detect;

import dev.hostkeep.dns.record.RecordValues;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * What one source said: an address that passed every check, or the {@code problem} that kept it
 * from counting (a refused connection, an HTML page, a private address). Exactly one of the two is
 * present.
 *
 * @param source the source as configured, e.g. {@code https https://api.ipify.org}
 * @param took how long the source took to answer or to fail
 */
public record Answer(
    String source, Optional<InetAddress> address, Optional<String> problem, Duration took) {
  public Answer {
    if (address.isPresent() == problem.isPresent()) {
      throw new IllegalArgumentException("an answer holds an address or a problem, not both");
    }
  }

  static Answer of(String source, InetAddress address, Duration took) {
    return new Answer(source, Optional.of(address), Optional.empty(), took);
  }

  static Answer problem(String source, String problem, Duration took) {
    return new Answer(source, Optional.empty(), Optional.of(problem), took);
  }

  /** {@code source: address} or {@code source: problem}, for explanations. */
  @Override
  public String toString() {
    return source + ": " + address.map(RecordValues::format).orElseGet(problem::orElseThrow);
  }
}
