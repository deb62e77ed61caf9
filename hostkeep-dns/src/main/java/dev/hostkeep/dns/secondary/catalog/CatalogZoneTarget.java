package dev.hostkeep.dns.secondary.catalog;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.apply.ApplySettings;
import dev.hostkeep.dns.provider.rfc2136.Rfc2136Client;
import dev.hostkeep.dns.provider.rfc2136.SignedMessage;
import dev.hostkeep.dns.provider.rfc2136.UpdateConnection;
import dev.hostkeep.dns.secondary.BatchSecondaryTarget;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * An RFC 9432 catalog zone on the primary, kept by RFC 2136 updates: every BIND 9.18, Knot or
 * PowerDNS secondary that consumes the catalog provisions its members itself. Named {@code
 * catalog:<catalog zone>}.
 *
 * <p>The catalog zone must already exist on the primary with a SOA and {@code NS invalid.}; this
 * target refuses to write into a zone without {@code NS invalid.} (it is not a catalog, perhaps a
 * customer zone named by mistake), and sets {@code version TXT "2"} and the apex NS to exactly
 * {@code invalid.} when they differ. Members are {@code <label>.zones.<catalog> PTR <zone>.} with
 * the label from {@link MemberLabels}; a member already present under any label is left as it is,
 * and removing one deletes every name under its label (its properties too).
 *
 * <p>{@link #apply} reads the catalog by AXFR, then sends as many UPDATE messages as it takes to
 * stay under {@link Rfc2136Client#MAX_MESSAGE_SIZE} bytes each, over one connection and one at a
 * time (the next is built while the primary applies one); each message is atomic and carries the
 * catalog's shape as prerequisite. When a later message fails, the earlier ones stay applied and
 * the exception says how far it got; applying the same lists again is safe, as members already
 * present (or already gone) are skipped. The primary bumps the SOA serial.
 */
public final class CatalogZoneTarget implements BatchSecondaryTarget {
  private final Rfc2136Client client;
  private final String catalog;
  private final Name catalogName;
  private final Name zones;
  private final int messageLimit;

  /** The catalog zone {@code catalog} (a normalised name) on the primary {@code client} writes. */
  public CatalogZoneTarget(Rfc2136Client client, String catalog) {
    this(client, catalog, Rfc2136Client.MAX_MESSAGE_SIZE);
  }

  CatalogZoneTarget(Rfc2136Client client, String catalog, int messageLimit) {
    this.client = client;
    this.catalog = catalog;
    this.catalogName = CatalogContent.name(catalog);
    this.zones = CatalogContent.name("zones." + catalog);
    this.messageLimit = messageLimit;
  }

  @Override
  public String name() {
    return "catalog:" + catalog;
  }

  @Override
  public Set<String> zones() {
    return read().memberZones();
  }

  /** One writer per catalog: parallel updates would only fail each other's prerequisites. */
  @Override
  public ApplySettings settings() {
    return ApplySettings.DEFAULT.withConcurrency(1);
  }

  @Override
  public void apply(List<String> add, List<String> remove) {
    CatalogContent content = read();
    CatalogBatches batches = batches();
    List<SignedMessage> first = new ArrayList<>();
    if (!content.nsIsOnlyInvalid() || !content.versionIsTwo()) {
      first.add(client.sign(batches.shapeFix(content)));
    }
    Iterator<SignedMessage> rest = batches.messages(operations(content, add, remove));
    if (first.isEmpty() && !rest.hasNext()) {
      return;
    }
    send(first.isEmpty() ? rest : concat(first.iterator(), rest));
  }

  /** The UPDATE messages {@link #apply} would send for these lists, for tests. */
  List<Update> messages(List<String> add, List<String> remove) {
    List<CatalogBatches.Operation> operations = new ArrayList<>();
    operations(read(), add, remove).forEachRemaining(operations::add);
    return batches().split(operations).stream().map(signed -> (Update) signed.message()).toList();
  }

  private CatalogBatches batches() {
    return new CatalogBatches(catalogName, messageLimit, client::sign);
  }

  /**
   * The operations, removals first, all made before anything is sent: a member label already in use
   * refuses the whole update rather than stop it half-applied. (The messages are still signed as
   * they are taken, while the primary applies the ones before.)
   */
  private Iterator<CatalogBatches.Operation> operations(
      CatalogContent content, List<String> add, List<String> remove) {
    List<CatalogBatches.Operation> operations = new ArrayList<>();
    Set<String> removing = new LinkedHashSet<>(remove);
    for (String zone : removing) {
      for (String label : content.members().getOrDefault(zone, List.of())) {
        operations.add(
            new CatalogBatches.Operation(
                content.namesUnder(label).stream().map(CatalogZoneTarget::deletion).toList()));
      }
    }
    for (String zone : new LinkedHashSet<>(add)) {
      if (removing.contains(zone)) {
        throw new IllegalArgumentException("zone " + zone + " is both added and removed");
      }
      if (!content.members().containsKey(zone)) {
        operations.add(new CatalogBatches.Operation(List.of(member(zone, content))));
      }
    }
    return operations.iterator();
  }

  /** What {@link Update#delete(Name)} writes: every RRset at {@code name} goes. */
  private static Record deletion(Name name) {
    return Record.newRecord(name, Type.ANY, DClass.ANY, 0);
  }

  private PTRRecord member(String zone, CatalogContent content) {
    Name member = CatalogContent.name(zone);
    String label = MemberLabels.of(member);
    if (!content.namesUnder(label).isEmpty()) {
      throw new HostkeepException(
          name() + ": label " + label + " for " + zone + " is already used by another member");
    }
    return new PTRRecord(CatalogContent.name(label, zones), DClass.IN, 0, member);
  }

  /**
   * Sends the messages over one connection; each is built while the primary applies the one before
   * it, and written only once that one is applied.
   */
  private void send(Iterator<SignedMessage> messages) {
    int applied = 0;
    try (UpdateConnection connection = client.connect()) {
      connection.write(messages.next());
      while (true) {
        SignedMessage next = messages.hasNext() ? messages.next() : null;
        connection.awaitApplied();
        applied++;
        if (next == null) {
          return;
        }
        connection.write(next);
      }
    } catch (HostkeepException e) {
      if (applied == 0) {
        throw e;
      }
      throw new HostkeepException(
          e.exitCode(),
          e.retriable(),
          name()
              + ": "
              + applied
              + " update messages were applied before one failed; applying again"
              + " continues where it stopped: "
              + e.getMessage(),
          e);
    }
  }

  private static <T> Iterator<T> concat(Iterator<T> first, Iterator<T> then) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return first.hasNext() || then.hasNext();
      }

      @Override
      public T next() {
        return first.hasNext() ? first.next() : then.next();
      }
    };
  }

  private CatalogContent read() {
    CatalogContent content = CatalogContent.parse(catalogName, client.transfer(catalog));
    if (!content.hasInvalidNs()) {
      throw new HostkeepException(
          name()
              + ": zone "
              + catalog
              + " on "
              + client.config().server()
              + " has no 'NS invalid.' at its apex, so it is not a catalog zone (RFC 9432);"
              + " refusing to write members into it. Create it with SOA, 'NS invalid.' and"
              + " 'version TXT \"2\"'");
    }
    return content;
  }
}
