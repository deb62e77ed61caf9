package dev.hostkeep.core.apply;

import dev.hostkeep.core.plan.Change;
import dev.hostkeep.core.state.JournalEntry.Outcome;

/** What became of one change: confirmed, failed (with the reason), or skipped. */
public record ChangeOutcome(Change change, Outcome outcome, int attempts, String message) {}
