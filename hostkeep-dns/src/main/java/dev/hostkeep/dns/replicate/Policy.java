package dev.hostkeep.dns.replicate;

/** What replication may do to the records it owns on the target. */
public enum Policy {
  /** Create, update and delete: the target follows the source exactly. */
  SYNC,
  /** Create and update only: records dropped at the source stay on the target. */
  UPSERT_ONLY
}
