package dev.hostkeep.dns.secondary;

/** What a secondary entry may do to its targets. */
public enum Policy {
  /** Add the zones the primary serves and remove the ones it no longer serves (default). */
  SYNC,
  /** Only add; zones gone from the primary stay on the targets. */
  ADD_ONLY
}
