package dev.hostkeep.dns.secondary;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The zones a source lists, and what it could not read (each a message naming the file or entry).
 * {@code version}: the source's {@link ZoneSource#version()} this listing may be remembered under,
 * when the source vouches that while its version stays the same, reading it again lists the same.
 */
public record ZoneListing(
    SortedSet<String> zones, List<String> problems, Optional<String> version) {
  public ZoneListing {
    zones = Collections.unmodifiableSortedSet(new TreeSet<>(zones));
    problems = List.copyOf(problems);
    Objects.requireNonNull(version, "version");
  }

  public ZoneListing(SortedSet<String> zones, List<String> problems) {
    this(zones, problems, Optional.empty());
  }

  public static ZoneListing of(Set<String> zones) {
    return new ZoneListing(new TreeSet<>(zones), List.of());
  }
}
