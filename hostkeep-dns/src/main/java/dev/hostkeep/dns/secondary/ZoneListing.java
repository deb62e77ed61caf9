package dev.hostkeep.dns.secondary;

import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The zones a source lists, and what it could not read (each a message naming the file or entry).
 */
public record ZoneListing(SortedSet<String> zones, List<String> problems) {
  public ZoneListing {
    zones = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(zones));
    problems = List.copyOf(problems);
  }

  public static ZoneListing of(Set<String> zones) {
    return new ZoneListing(new TreeSet<>(zones), List.of());
  }
}
