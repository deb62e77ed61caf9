package dev.hostkeep.core.apply;

import dev.hostkeep.core.plan.Change;
import java.util.List;

/**
 * A target that applies a whole list of changes as one unit (a PowerDNS PATCH, one RFC 2136
 * UPDATE): {@link #applyAll} either returns, and the target confirmed every change, or throws, and
 * none of them took effect.
 */
public interface BatchExecutor extends TargetExecutor {
  void applyAll(List<Change> changes) throws Exception;

  @Override
  default void apply(Change change) throws Exception {
    applyAll(List.of(change));
  }
}
