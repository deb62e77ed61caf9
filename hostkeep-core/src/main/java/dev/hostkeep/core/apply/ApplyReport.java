package dev.hostkeep.core.apply;

import dev.hostkeep.core.ExitCode;
import dev.hostkeep.core.state.JournalEntry.Outcome;
import java.util.List;

/** The outcome of every change of an applied plan. */
public record ApplyReport(List<ChangeOutcome> outcomes) {
  public ApplyReport {
    outcomes = List.copyOf(outcomes);
  }

  public long count(Outcome outcome) {
    return outcomes.stream().filter(o -> o.outcome() == outcome).count();
  }

  public List<ChangeOutcome> failures() {
    return outcomes.stream().filter(o -> o.outcome() == Outcome.FAILED).toList();
  }

  /** OK when nothing failed, PARTIAL when some changes went through, FAILURE when none did. */
  public ExitCode exitCode() {
    long failed = count(Outcome.FAILED);
    if (failed == 0) {
      return ExitCode.OK;
    }
    return count(Outcome.APPLIED) > 0 ? ExitCode.PARTIAL : ExitCode.FAILURE;
  }
}
