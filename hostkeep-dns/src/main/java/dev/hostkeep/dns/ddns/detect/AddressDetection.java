package dev.hostkeep.dns.ddns.detect;

import dev.hostkeep.core.config.ConfigObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds this host's public address, per family, from the sources a ddns entry's {@code detect:}
 * section configures. Each family has its own sources, asked in the order listed:
 *
 * <pre>
 * detect:
 *   ipv4:
 *     sources:                        # default: [ { https: default } ]
 *       - https: default              # the built-in echo services, one source each
 *       - https: https://ip.example.net/
 *       - interface: eth0             # its first globally routable address
 *       - dns: { server: resolver1.opendns.com, name: myip.opendns.com, type: A }
 *       - dns: google                 # or opendns: the same with their known names
 *       - command: /usr/local/bin/my-ip        # run by /bin/sh -c; or a list: [prog, arg]
 *       - static: 84.17.32.9          # a fixed address, checked like any answer
 *     agree: 2                        # sources that must report the same address; default 1
 *     timeout: 5s                     # per source; default 5s
 *   ipv6:
 *     sources: [ { interface: eth0, temporary: avoid } ]   # avoid (default), prefer or never
 * </pre>
 *
 * <p>A missing family uses the default. {@code https: default} counts as one source per built-in
 * service, so {@code agree: 2} over it alone asks for two of them to agree. A {@code dns:} server
 * is {@code host}, {@code host:port} or {@code [ipv6]:port}; {@code type} is the family's record
 * type (its default) or {@code TXT}. A custom echo URL for {@code ipv6} should name a host with
 * only AAAA records, or the service may see (and be refused for answering) the IPv4 address. Every
 * problem is reported at its place, all at once.
 *
 * <p>A {@link #detect} asks the sources and gives a {@link Verdict}: an address when at least
 * {@code agree} sources reported the same one and no other address reached {@code agree}, else
 * none, with what each source said. A source that fails, hangs or answers something that is not a
 * public address of the family (an HTML page, a private, CGNAT, ULA or documentation address) only
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
