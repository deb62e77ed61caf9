package dev.hostkeep.testkit;

import java.util.List;

/** A zone a {@link BindServer} serves as primary, and where it sends NOTIFY for it. */
record BindZone(String name, String zoneFile, List<Integer> notifyPorts) {}
