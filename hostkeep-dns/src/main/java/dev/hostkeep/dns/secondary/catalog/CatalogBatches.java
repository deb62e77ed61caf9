package dev.hostkeep.dns.secondary.catalog;

import dev.hostkeep.dns.provider.rfc2136.SignedMessage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * Splits a catalog change into UPDATE messages that each stay within a size limit once signed.
 * Encoding a message is the costly step (dnsjava's name compression slows down as a message grows),
 * so a message is filled by an estimate that never undershoots, then built, signed and encoded
 * once; those bytes are the ones sent. Only if they exceed the limit is it rebuilt with fewer
 * members. Every message has the catalog's shape ({@code NS invalid.}, {@code version TXT "2"}) as
 * prerequisite, so none lands in a zone that stopped being a catalog.
 */
final class CatalogBatches {
  private static final int MAX_ATTEMPTS = 8;
  private static final int FIXED_RR_FIELDS = 10; // type, class, TTL, RDATA length

  private final Name catalog;
  private final Name version;
  private final Name zones;
  private final int limit;
  private final Function<Update, SignedMessage> sign;

  /** {@code sign} signs and encodes a message, {@code limit} is the most bytes it may have. */
  CatalogBatches(Name catalog, int limit, Function<Update, SignedMessage> sign) {
    this.catalog = catalog;
    this.version = CatalogContent.name("version." + catalog);
    this.zones = CatalogContent.name("zones." + catalog);
    this.limit = limit;
    this.sign = sign;
  }

  /** The records that adding or removing one member writes into an update's update section. */
  record Operation(List<Record> records) {
    Operation {
      records = List.copyOf(records);
    }
  }

  /** The messages that carry {@code operations}, in order, each within the limit. */
  List<SignedMessage> split(List<Operation> operations) {
    List<SignedMessage> messages = new ArrayList<>();
    messages(operations.iterator()).forEachRemaining(messages::add);
    return messages;
  }

  /**
   * The same messages as {@link #split}, each built only when asked for, from operations taken from
   * {@code operations} only as that message needs them: the caller can send one message and build
   * the next, operations included, while the primary applies it.
   */
  Iterator<SignedMessage> messages(Iterator<Operation> operations) {
    int empty = sign.apply(build(List.of())).size();
    return new Iterator<>() {
      private final List<Operation> pending = new ArrayList<>(); // taken, not in a message yet
      private final List<Integer> estimates = new ArrayList<>(); // of pending, in order

      @Override
      public boolean hasNext() {
        return !pending.isEmpty() || operations.hasNext();
      }

      @Override
      public SignedMessage next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        int count = 0;
        // The first name under zones.<catalog> spells that suffix out; later ones point to it.
        long bytes = empty + zones.length();
        while (true) {
          if (count == pending.size()) {
            if (!operations.hasNext()) {
              break;
            }
            Operation operation = operations.next();
            pending.add(operation);
            estimates.add(estimate(operation));
          }
          if (bytes + estimates.get(count) > limit) {
            break;
          }
          bytes += estimates.get(count);
          count++;
        }
        Built built = fit(pending, Math.max(1, count));
        pending.subList(0, built.count()).clear();
        estimates.subList(0, built.count()).clear();
        return built.message();
      }
    };
  }

  private record Built(SignedMessage message, int count) {}

  /** The message with {@code pending}'s first {@code count} operations, fewer if it is too big. */
  private Built fit(List<Operation> pending, int count) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      SignedMessage message = sign.apply(build(pending.subList(0, count)));
      long bytes = message.size();
      if (bytes <= limit) {
        return new Built(message, count);
      }
      if (count == 1) {
        throw new IllegalStateException(
            "one catalog change needs " + bytes + " bytes, more than the limit of " + limit);
      }
      count = (int) Math.max(1, Math.min(count - 1, (long) count * limit * 95 / 100 / bytes));
    }
    throw new IllegalStateException("could not fit catalog changes under " + limit + " bytes");
  }

  /**
   * The most bytes an operation adds to a message: owner names under {@code zones.<catalog>} end in
   * a 2-byte pointer to it, every other name is counted in full, uncompressed.
   */
  private int estimate(Operation operation) {
    int bytes = 0;
    for (Record record : operation.records()) {
      Name owner = record.getName();
      int ownerBytes =
          owner.subdomain(zones) && !owner.equals(zones)
              ? owner.length() - zones.length() + 2
              : owner.length();
      bytes += ownerBytes + FIXED_RR_FIELDS + record.rdataToWireCanonical().length;
    }
    return bytes;
  }

  /** An update that fixes the catalog's shape, with the shape it was read in as prerequisite. */
  Update shapeFix(CatalogContent content) {
    Update update = new Update(catalog);
    content.apexNs().forEach(ns -> update.present(zeroTtl(ns)));
    if (content.versions().isEmpty()) {
      update.absent(version, Type.TXT);
    } else {
      content.versions().forEach(txt -> update.present(zeroTtl(txt)));
    }
    if (!content.nsIsOnlyInvalid()) {
      update.add(new NSRecord(catalog, DClass.IN, 0, CatalogContent.INVALID));
      content.apexNs().stream()
          .filter(ns -> !ns.getTarget().equals(CatalogContent.INVALID))
          .forEach(update::delete);
    }
    if (!content.versionIsTwo()) {
      update.replace(new TXTRecord(version, DClass.IN, 0, "2"));
    }
    return update;
  }

  private Update build(List<Operation> operations) {
    Update update = new Update(catalog);
    update.present(new NSRecord(catalog, DClass.IN, 0, CatalogContent.INVALID));
    update.present(new TXTRecord(version, DClass.IN, 0, "2"));
    for (Operation operation : operations) {
      operation.records().forEach(record -> update.addRecord(record, Section.UPDATE));
    }
    return update;
  }

  private static Record zeroTtl(Record record) {
    return Record.newRecord(
        record.getName(), record.getType(), record.getDClass(), 0, record.rdataToWireCanonical());
  }
}
