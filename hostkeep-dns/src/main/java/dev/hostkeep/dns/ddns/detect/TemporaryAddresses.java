package dev.hostkeep.dns.ddns.detect;

/**
 * Whether an {@code interface:} IPv6 source may report a temporary (privacy, RFC 8981) address.
 * Those change daily and stop being used for new connections, so a record should name the stable
 * one when there is one.
 */
enum TemporaryAddresses {
  /** A stable address when there is one, else a temporary one. */
  AVOID,
  /** A temporary address when there is one, else a stable one. */
  PREFER,
  /** Only stable addresses. */
  NEVER
}
