package dev.hostkeep.dns.ddns.detect;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What address detection needs from the outside world: a clock to time answers, a way to run
 * commands, Linux's IPv6 interface table and the echo services {@code https: default} stands for.
 * {@link #system()} is the real one; tests and benchmarks replace parts with the {@code with...}
 * methods. Immutable.
 */
public final class DetectionContext {
  private static final Map<Family, List<URI>> BUILT_IN =
      Map.of(
          Family.IPV4,
          List.of(
              URI.create("https://api.ipify.org"),
              URI.create("https://ipv4.icanhazip.com"),
              URI.create("https://checkip.amazonaws.com")),
          Family.IPV6,
          List.of(
              URI.create("https://api6.ipify.org"),
              URI.create("https://ipv6.icanhazip.com"),
              URI.create("https://v6.ident.me")));

  private final Clock clock;
  private final CommandRunner commands;
  private final Path ifInet6;
  private final Map<Family, List<URI>> echoes;

  private DetectionContext(
      Clock clock, CommandRunner commands, Path ifInet6, Map<Family, List<URI>> echoes) {
    this.clock = clock;
    this.commands = commands;
    this.ifInet6 = ifInet6;
    this.echoes = echoes;
  }

  /**
   * The real world: the system clock, child processes, {@code /proc/net/if_inet6} and the built-in
   * echo services.
   */
  public static DetectionContext system() {
    return new DetectionContext(
        Clock.systemUTC(), CommandRunner.processes(), IfInet6.LINUX, BUILT_IN);
  }

  /** The echo services {@code https: default} stands for when nothing replaced them. */
  public static List<URI> builtInEchoes(Family family) {
    return BUILT_IN.get(family);
  }

  public DetectionContext withClock(Clock clock) {
    return new DetectionContext(Objects.requireNonNull(clock), commands, ifInet6, echoes);
  }

  public DetectionContext withCommandRunner(CommandRunner runner) {
    return new DetectionContext(clock, Objects.requireNonNull(runner), ifInet6, echoes);
  }

  /** Reads IPv6 interface addresses and their flags from {@code file} (if_inet6's format). */
  public DetectionContext withIfInet6(Path file) {
    return new DetectionContext(clock, commands, Objects.requireNonNull(file), echoes);
  }

  /** Makes {@code https: default} stand for {@code services} in {@code family}. */
  public DetectionContext withDefaultEchoes(Family family, List<URI> services) {
    if (services.isEmpty()) {
      throw new IllegalArgumentException("the default echo services cannot be none");
    }
    Map<Family, List<URI>> changed = new EnumMap<>(echoes);
    changed.put(family, List.copyOf(services));
    return new DetectionContext(clock, commands, ifInet6, Map.copyOf(changed));
  }

  /** The echo services {@code https: default} stands for in this context. */
  public List<URI> defaultEchoes(Family family) {
    return echoes.get(family);
  }

  Clock clock() {
    return clock;
  }

  CommandRunner commands() {
    return commands;
  }

  Path ifInet6() {
    return ifInet6;
  }
}
