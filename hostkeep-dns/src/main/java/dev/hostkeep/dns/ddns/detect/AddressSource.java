package dev.hostkeep.dns.ddns.detect;

import java.net.InetAddress;
import java.time.Duration;

/** One configured way to learn this host's address in one family. */
interface AddressSource {
  /** The source as a user configured it, e.g. {@code https https://api.ipify.org}. */
  String describe();

  /**
   * The address this source reports, checked by {@link AddressText#parse}; gives up after about
   * {@code timeout}. The caller also bounds the call, so a source that cannot stop itself in time
   * (a body read) is abandoned rather than awaited.
   */
  InetAddress detect(Family family, Duration timeout) throws SourceProblem, InterruptedException;
}
