package dev.hostkeep.core.capability;

import dev.hostkeep.core.plan.GuardPolicy;

/**
 * What a capability may use while reading its section: the providers the config defines, and the
 * guard policy of the top-level {@code guard:} section, the default for its targets.
 */
public record ConfigureContext(Providers providers, GuardPolicy guard) {}
