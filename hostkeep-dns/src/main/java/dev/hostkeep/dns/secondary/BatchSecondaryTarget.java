package dev.hostkeep.dns.secondary;

import java.util.List;

/**
 * A secondary target that changes many zones in one transaction (a catalog zone updated by one RFC
 * 2136 message per batch): either every listed change took effect, or none did.
 */
public interface BatchSecondaryTarget extends SecondaryTarget {
  void apply(List<String> add, List<String> remove);

  @Override
  default void add(String zone) {
    apply(List.of(zone), List.of());
  }

  @Override
  default void remove(String zone) {
    apply(List.of(), List.of(zone));
  }
}
