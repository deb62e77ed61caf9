package dev.hostkeep.core.config;

import dev.hostkeep.core.ExitCode;
import dev.hostkeep.core.HostkeepException;
import java.util.List;
import java.util.stream.Collectors;

/** The config has errors; all of them are listed, each with file:line:column. Exit code 2. */
public final class ConfigException extends HostkeepException {
  private final List<Problem> problems;

  public ConfigException(List<Problem> problems) {
    super(ExitCode.USAGE, false, describe(problems), null);
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String describe(List<Problem> problems) {
    long errors = problems.stream().filter(p -> p.severity() == Problem.Severity.ERROR).count();
    String head = errors == 1 ? "the config has 1 error:" : "the config has " + errors + " errors:";
    return head
        + problems.stream()
            .filter(p -> p.severity() == Problem.Severity.ERROR)
            .map(p -> "\n  " + p)
            .collect(Collectors.joining());
  }
}
