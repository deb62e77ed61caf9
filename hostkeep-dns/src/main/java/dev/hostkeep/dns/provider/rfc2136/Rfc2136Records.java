package dev.hostkeep.dns.provider.rfc2136;

import dev.hostkeep.core.ExitCode;
import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.dns.record.DnsRecord;
import dev.hostkeep.dns.record.RecordGoneException;
import java.io.IOException;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * Records on a primary that takes RFC 2136 updates, addressed as record sets by name and type (no
 * ids). Lookups are plain queries to the primary itself, without recursion, as any resolver asks;
 * writes are signed UPDATEs that replace the whole set, and an update of a set that was meant to
 * exist carries the prerequisite "the set exists", so a record deleted by hand is noticed ({@link
 * RecordGoneException}) instead of silently recreated.
 */
final class Rfc2136Records {
  private final Rfc2136Client client;

  Rfc2136Records(Rfc2136Client client) {
    this.client = client;
  }

  List<DnsRecord> find(String zone, String name, String type) {
    int rrType = type(type);
    Message query = Message.newQuery(Record.newRecord(Rfc2136Client.name(name), rrType, DClass.IN));
    query.getHeader().unsetFlag(Flags.RD);
    Message response = client.exchange(query, false);
    int rcode = response.getRcode();
    if (rcode == Rcode.NXDOMAIN) {
      return List.of();
    }
    if (rcode != Rcode.NOERROR) {
      throw new HostkeepException(
          ExitCode.FAILURE,
          rcode == Rcode.SERVFAIL,
          "query "
              + name
              + " "
              + type
              + " on "
              + client.config().server()
              + " answered "
              + Rcode.string(rcode)
              + (rcode == Rcode.REFUSED ? " (does the server serve zone " + zone + "?)" : ""),
          null);
    }
    Name owner = Rfc2136Client.name(name);
    if (rrType != Type.CNAME) {
      // A server drops a record added beside a CNAME without a word (RFC 2136 3.4.2.2), so a
      // write here would be confirmed and never served.
      for (Record alias : response.getSection(Section.ANSWER)) {
        if (alias.getType() == Type.CNAME && alias.getName().equals(owner)) {
          throw new HostkeepException(
              name
                  + " is a CNAME to "
                  + alias.rdataToString()
                  + " on "
                  + client.config().server()
                  + ", and no "
                  + type
                  + " record can stand beside it: remove the CNAME, or manage the name it"
                  + " points to");
        }
      }
    }
    return response.getSection(Section.ANSWER).stream()
        .filter(r -> r.getType() == rrType && r.getName().equals(owner))
        .map(r -> new DnsRecord(null, name, type, r.rdataToString(), (int) r.getTTL()))
        .toList();
  }

  DnsRecord create(String zone, String name, String type, String value, int ttl) {
    Update update = client.newUpdate(zone);
    update.replace(record(name, type, value, ttl));
    client.send(update);
    return new DnsRecord(null, name, type, value, ttl);
  }

  DnsRecord update(String zone, DnsRecord existing, String value, int ttl) {
    Update update = client.newUpdate(zone);
    update.present(Rfc2136Client.name(existing.name()), type(existing.type()));
    update.replace(record(existing.name(), existing.type(), value, ttl));
    Message response = client.exchange(update, true);
    if (response.getRcode() == Rcode.NXRRSET && response.isVerified()) {
      throw new RecordGoneException(
          existing.name()
              + " "
              + existing.type()
              + " no longer exists on "
              + client.config().server());
    }
    UpdateFailures.check(response, "update", zone, client.config());
    return existing.withValue(value, ttl);
  }

  private static Record record(String name, String type, String value, int ttl) {
    try {
      return Record.fromString(
          Rfc2136Client.name(name), type(type), DClass.IN, ttl, value, Name.root);
    } catch (IOException e) {
      throw new IllegalArgumentException("'" + value + "' is not valid " + type + " data", e);
    }
  }

  private static int type(String type) {
    int value = Type.value(type);
    if (value < 0) {
      throw new IllegalArgumentException("unknown record type " + type);
    }
    return value;
  }
}
