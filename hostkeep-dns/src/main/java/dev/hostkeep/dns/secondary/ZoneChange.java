package dev.hostkeep.dns.secondary;

/** The payload of one planned change: add or remove {@code zone} on {@code target}. */
record ZoneChange(SecondaryTarget target, String zone) {}
