package dev.hostkeep.dns.ddns.detect;

import dev.hostkeep.core.config.ConfigObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds this host's public address, per family, from the sources a ddns entry's {@code detect:}
 * section configures (see {@link DetectionConfig} for its shape). A {@link #detect} asks the
 * sources and gives a {@link Verdict}: an address when at least {@code agree} sources reported the
 * same one and no other address reached {@code agree}, else none, with what each source said. A
 * source that fails, hangs or answers something that is not a public address of the family only
 * costs its own vote. Immutable and safe to share; each call asks the sources anew.
 */
public final class AddressDetection {
  private final Map<Family, FamilyDetection> families;

  private AddressDetection(Map<Family, FamilyDetection> families) {
    this.families = Map.copyOf(families);
  }

  /**
   * Reads {@code detectSection} (a ddns entry's {@code detect:}), reporting problems to its reader;
   * absent, every family uses the built-in echo services with {@code agree: 1}. Calls {@link
   * ConfigObject#finish()} on the section. The result must not be used when problems were reported.
   */
  public static AddressDetection read(Optional<ConfigObject> detectSection) {
    return read(detectSection, DetectionContext.system());
  }

  /** As {@link #read(Optional)}, with the outside world of {@code context}. */
  public static AddressDetection read(
      Optional<ConfigObject> detectSection, DetectionContext context) {
    return new AddressDetection(DetectionConfig.read(detectSection, context));
  }

  /**
   * Asks {@code family}'s sources and decides. Blocks for at most about the sources' timeout each.
   */
  public Verdict detect(Family family) {
    return families.get(family).detect();
  }

  /** {@code family}'s sources as configured, in order, e.g. {@code https https://api.ipify.org}. */
  public List<String> sources(Family family) {
    return families.get(family).sources().stream().map(AddressSource::describe).toList();
  }

  /** How many of {@code family}'s sources must report the same address. */
  public int agree(Family family) {
    return families.get(family).agree();
  }

  /** How long each of {@code family}'s sources may take. */
  public Duration timeout(Family family) {
    return families.get(family).timeout();
  }
}
