package dev.hostkeep.dns.provider.rfc2136;

import dev.hostkeep.core.ExitCode;
import dev.hostkeep.core.HostkeepException;
import java.io.IOException;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TSIGRecord;

/**
 * Turns a primary's refusal into a message that says which zone, server and key were involved and
 * what to check. Secrets never appear: only the key's name does.
 */
final class UpdateFailures {
  private UpdateFailures() {}

  /**
   * Throws unless {@code response} is NOERROR and its TSIG verified; {@code what} names the act.
   */
  static void check(Message response, String what, String zone, Rfc2136Config config) {
    int rcode = response.getRcode();
    TSIGRecord tsig = response.getTSIG();
    int tsigError = tsig == null ? Rcode.NOERROR : tsig.getError();
    String where = what + " of zone " + zone + " on " + config.server();
    String key = "TSIG key '" + config.keyName() + "' (" + config.algorithm() + ")";
    if (tsigError != Rcode.NOERROR) {
      throw fatal(where + " failed: " + tsigProblem(tsigError, key));
    }
    switch (rcode) {
      case Rcode.NOERROR -> {
        if (!response.isVerified()) {
          throw fatal(
              where
                  + ": the answer is not signed with "
                  + key
                  + "; refusing to trust it (is something else listening on that port?)");
        }
      }
      case Rcode.SERVFAIL ->
          throw HostkeepException.retriable(
              where + " failed: the server answered SERVFAIL; try again later", null);
      case Rcode.REFUSED ->
          throw fatal(
              where
                  + " was REFUSED: the server does not let "
                  + key
                  + " do this (check update-policy/allow-update and allow-transfer for the zone)");
      case Rcode.NOTAUTH ->
          throw fatal(
              where
                  + " failed with NOTAUTH: the server is not the primary for that zone, or "
                  + key
                  + " is not accepted");
      case Rcode.NOTZONE ->
          throw fatal(where + " failed with NOTZONE: a name in the update lies outside the zone");
      case Rcode.YXDOMAIN, Rcode.YXRRSET, Rcode.NXDOMAIN, Rcode.NXRRSET ->
          throw fatal(
              where
                  + " was not applied: a prerequisite failed ("
                  + Rcode.string(rcode)
                  + "); the zone changed since it was read, read it again and retry");
      default ->
          throw fatal(where + " failed with " + Rcode.string(rcode) + " (rcode " + rcode + ")");
    }
  }

  /** A network failure: the primary may come back, so the caller may retry. */
  static HostkeepException network(String what, Rfc2136Config config, IOException e) {
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return HostkeepException.retriable(
        what
            + " on "
            + config.server()
            + " failed: "
            + reason
            + " (timeout "
            + config.timeout().toMillis()
            + " ms)",
        e);
  }

  private static String tsigProblem(int error, String key) {
    return switch (error) {
      case Rcode.BADKEY ->
          "the server does not know "
              + key
              + " (BADKEY); check key_name and key_algorithm against the server's key";
      case Rcode.BADSIG ->
          "the server rejected the signature of "
              + key
              + " (BADSIG); key_secret does not match the server's secret";
      case Rcode.BADTIME ->
          "the server rejected the time of "
              + key
              + " (BADTIME); this host's clock and the server's differ by more than 5 minutes";
      default -> "TSIG error " + Rcode.TSIGstring(error) + " for " + key;
    };
  }

  private static HostkeepException fatal(String message) {
    return new HostkeepException(ExitCode.FAILURE, false, message, null);
  }
}
