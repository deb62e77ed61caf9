package dev.hostkeep.core.capability;

import dev.hostkeep.core.secret.Redactor;
import dev.hostkeep.core.state.StateStore;
import java.time.Clock;

/**
 * What a capability gets from the engine for one run. {@code state} is read-only while planning;
 * {@code refresh} asks to re-read targets instead of trusting cached observations.
 */
public record RunContext(Clock clock, StateStore state, Redactor redactor, boolean refresh) {}
