package dev.hostkeep.dns.secondary;

import dev.hostkeep.core.capability.Providers;
import dev.hostkeep.core.config.ConfigObject;

/**
 * A provider that can serve as secondary targets (an OVH account: one target per service; an RFC
 * 2136 primary: a catalog zone; a PowerDNS server). It reads the keys of one {@code targets:} entry
 * other than {@code provider}, reporting problems through {@code target}'s reader, and calls {@code
 * target.finish()} itself. It returns {@code null} after reporting a problem. {@code providers}
 * lets a target refer to another provider (OVH's ownership check published through an RFC 2136
 * primary).
 */
public interface SecondaryTargetFactory {
  SecondaryTarget secondaryTarget(ConfigObject target, Providers providers);
}
