package dev.hostkeep.dns.provider.rfc2136;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.plan.Action;
import dev.hostkeep.dns.replicate.RRset;
import dev.hostkeep.dns.replicate.RRsetChange;
import dev.hostkeep.dns.replicate.ZoneContent;
import dev.hostkeep.dns.replicate.ZoneUpdate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * Whole zones on an RFC 2136 primary for {@code replicate}: read by a signed AXFR, written by one
 * signed UPDATE per zone whose prerequisites say what each RRset must hold before (exactly the
 * records read, or nothing for a new RRset). If anyone changed one of those RRsets in between, the
 * server refuses the whole message and nothing is changed. A zone whose changes do not fit one
 * message (64 KiB) is sent in several, each atomic on its own.
 */
final class Rfc2136Zones {
  private final Rfc2136Client client;

  Rfc2136Zones(Rfc2136Client client) {
    this.client = client;
  }

  Optional<ZoneContent> read(String zone) {
    return Optional.of(ZoneContent.of(zone, client.transfer(zone)));
  }

  void apply(ZoneUpdate update) {
    if (!update.exists()) {
      throw new HostkeepException(
          "zone "
              + update.zone()
              + " does not exist on "
              + client.config().server()
              + "; RFC 2136 cannot create zones: add it to the server's configuration first");
    }
    Update message = client.newUpdate(update.zone());
    int inMessage = 0;
    for (RRsetChange change : deletionsFirst(update.changes())) {
      Update single = client.newUpdate(update.zone());
      add(single, change);
      Update candidate = client.newUpdate(update.zone());
      copy(message, candidate);
      add(candidate, change);
      if (inMessage > 0 && client.signedSize(candidate) > Rfc2136Client.MAX_MESSAGE_SIZE) {
        client.send(message);
        message = single;
        inMessage = 1;
      } else {
        message = candidate;
        inMessage++;
      }
    }
    if (inMessage > 0) {
      client.send(message);
    }
  }

  /**
   * The changes, each name's deletions before its other changes. A server applies an update's
   * records in order and silently ignores one that clashes with a CNAME at its name (RFC 2136
   * 3.4.2.2): turning {@code www CNAME} into {@code www A} must delete the CNAME before adding the
   * A record, or the server drops the A and deletes the CNAME, and {@code www} answers nothing. One
   * message applies both at once, so no moment shows the name empty.
   */
  private static List<RRsetChange> deletionsFirst(List<RRsetChange> changes) {
    List<RRsetChange> ordered = new ArrayList<>(changes);
    ordered.sort(
        java.util.Comparator.comparing(
                (RRsetChange c) -> c.either().name().toLowerCase(Locale.ROOT))
            .thenComparing(c -> c.action() == Action.DELETE ? 0 : 1));
    return ordered;
  }

  private static void copy(Update from, Update to) {
    for (int section : new int[] {org.xbill.DNS.Section.PREREQ, org.xbill.DNS.Section.UPDATE}) {
      for (Record record : from.getSection(section)) {
        to.addRecord(record, section);
      }
    }
  }

  private static void add(Update update, RRsetChange change) {
    RRset rrset = change.either();
    Name name = name(rrset.name());
    int type = Type.value(rrset.type());
    if (type == Type.NS
        && name.equals(update.getQuestion().getName())
        && change.before() != null
        && change.after() != null) {
      replaceApexNs(update, change);
      return;
    }
    if (change.action() == Action.CREATE) {
      update.absent(name, type);
    } else {
      // RFC 2136 2.4.2: a value-dependent prerequisite carries TTL 0.
      for (Record record : records(change.before(), 0)) {
        update.addRecord(record, org.xbill.DNS.Section.PREREQ);
      }
      update.delete(name, type);
    }
    if (change.after() != null) {
      for (Record record : records(change.after(), change.after().ttl())) {
        update.add(record);
      }
    }
  }

  /**
   * The apex NS set, replaced record by record: a server ignores a request to delete the whole NS
   * set at the apex (RFC 2136 3.4.2.3), and would serve the old name servers beside the new. The
   * new ones are added first and the old ones then deleted one by one, which the server allows as
   * long as one is left.
   */
  private static void replaceApexNs(Update update, RRsetChange change) {
    for (Record record : records(change.before(), 0)) {
      update.addRecord(record, org.xbill.DNS.Section.PREREQ);
    }
    for (Record record : records(change.after(), change.after().ttl())) {
      update.add(record);
    }
    List<String> before = change.before().values();
    List<Record> old = records(change.before(), 0);
    for (int i = 0; i < before.size(); i++) {
      if (!change.after().values().contains(before.get(i))) {
        update.delete(old.get(i));
      }
    }
  }

  private static List<Record> records(RRset rrset, long ttl) {
    List<Record> records = new ArrayList<>();
    for (String value : rrset.values()) {
      try {
        records.add(
            Record.fromString(
                name(rrset.name()), Type.value(rrset.type()), DClass.IN, ttl, value, Name.root));
      } catch (IOException e) {
        throw new HostkeepException(
            rrset.key() + ": '" + value + "' is not valid record data: " + e.getMessage(), e);
      }
    }
    return records;
  }

  private static Name name(String text) {
    return Rfc2136Client.name(text);
  }
}
