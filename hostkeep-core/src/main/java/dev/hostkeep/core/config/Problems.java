package dev.hostkeep.core.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem of a config, so one run reports them all instead of one per run. */
public final class Problems {
  private final List<Problem> list = new ArrayList<>();

  public void error(Position position, String message) {
    list.add(new Problem(Problem.Severity.ERROR, position, message));
  }

  public void warning(Position position, String message) {
    list.add(new Problem(Problem.Severity.WARNING, position, message));
  }

  public boolean hasErrors() {
    return list.stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR);
  }

  /** All problems in file order (problems without a position first). */
  public List<Problem> all() {
    if (list.isEmpty()) {
      return List.of(); // the common case, without linking the comparator below
    }
    return list.stream()
        .sorted(
            Comparator.comparing(
                    (Problem p) -> p.position() == null ? 0 : p.position().line(),
                    Comparator.naturalOrder())
                .thenComparing(p -> p.position() == null ? 0 : p.position().column()))
        .toList();
  }

  public List<Problem> errors() {
    return all().stream().filter(p -> p.severity() == Problem.Severity.ERROR).toList();
  }

  public List<Problem> warnings() {
    return all().stream().filter(p -> p.severity() == Problem.Severity.WARNING).toList();
  }
}
