package dev.hostkeep.dns.secondary;

import java.util.Optional;

/**
 * Where the list of zones the primary serves comes from: a zone folder, named.conf, a PowerDNS
 * server, or a list in the config. Reading changes nothing.
 */
public interface ZoneSource {

  /** How plans and logs name this source, e.g. {@code zone folder /etc/bind/zones}. */
  String name();

  /**
   * Reads the zone list. Names are normalised (lower case, punycode, no trailing dot). Entries that
   * could not be read (a broken zone file, a garbage file name) are listed as problems, never
   * silently dropped; a source that cannot be read at all throws.
   */
  ZoneListing read();

  /**
   * A short text that changes whenever {@link #read()} may list something else, found without
   * reading the source (a zone folder: one stat of the folder), or empty when the source cannot
   * tell that cheaply. A soft run that finds the version a listing was remembered under skips the
   * read. Empty by default.
   */
  default Optional<String> version() {
    return Optional.empty();
  }
}
