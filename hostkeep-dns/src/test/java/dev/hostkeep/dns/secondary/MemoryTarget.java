package dev.hostkeep.dns.secondary;

import dev.hostkeep.core.HostkeepException;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;

/** A secondary service in memory that counts every call, and can be told to fail some zones. */
class MemoryTarget implements SecondaryTarget {
  final Set<String> zones = new ConcurrentSkipListSet<>();
  final Set<String> failing = new ConcurrentSkipListSet<>();
  final AtomicInteger reads = new AtomicInteger();
  final AtomicInteger writes = new AtomicInteger();
  private final String name;

  MemoryTarget(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<String> zones() {
    reads.incrementAndGet();
    return new TreeSet<>(zones);
  }

  @Override
  public void add(String zone) {
    writes.incrementAndGet();
    if (failing.contains(zone)) {
      throw new HostkeepException("the service refused " + zone);
    }
    zones.add(zone);
  }

  @Override
  public void remove(String zone) {
    writes.incrementAndGet();
    if (failing.contains(zone)) {
      throw new HostkeepException("the service refused to remove " + zone);
    }
    zones.remove(zone);
  }

  int calls() {
    return reads.get() + writes.get();
  }
}
