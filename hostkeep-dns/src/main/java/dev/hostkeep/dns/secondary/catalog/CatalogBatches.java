package dev.hostkeep.dns.secondary.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * Splits a catalog change into UPDATE messages that each stay within a size limit once signed,
 * measured on the built message: name compression makes a member's share hard to predict, so a
 * message is built, measured and, when too big, rebuilt with fewer members. Every message has the
 * catalog's shape ({@code NS invalid.}, {@code version TXT "2"}) as prerequisite, so none lands in
 * a zone that stopped being a catalog.
 */
final class CatalogBatches {
  private static final int MAX_ATTEMPTS = 8;
  private static final int FIRST_GUESS = 500;

  private final Name catalog;
  private final Name version;
  private final int limit;
  private final ToIntFunction<Update> size;

  /** {@code size} gives a message's signed wire size, {@code limit} the most it may have. */
  CatalogBatches(Name catalog, int limit, ToIntFunction<Update> size) {
    this.catalog = catalog;
    this.version = CatalogContent.name("version." + catalog);
    this.limit = limit;
    this.size = size;
  }

  /** What adding or removing one member writes into an update. */
  interface Operation extends Consumer<Update> {}

  private record Built(Update message, int count) {}

  /** The messages that carry {@code operations}, in order, each within the limit. */
  List<Update> split(List<? extends Operation> operations) {
    List<Update> messages = new ArrayList<>();
    int start = 0;
    int guess = Math.min(operations.size(), FIRST_GUESS);
    while (start < operations.size()) {
      Built built = fit(operations.subList(start, operations.size()), guess);
      messages.add(built.message());
      start += built.count();
      guess = built.count();
    }
    return messages;
  }

  /** The fullest message within the limit that starts with {@code pending}'s first operations. */
  private Built fit(List<? extends Operation> pending, int guess) {
    int count = Math.max(1, Math.min(guess, pending.size()));
    Built fitting = null;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Update message = build(pending.subList(0, count));
      long bytes = size.applyAsInt(message);
      if (bytes > limit) {
        if (count == 1) {
          throw new IllegalStateException(
              "one catalog change needs " + bytes + " bytes, more than the limit of " + limit);
        }
        count = (int) Math.max(1, Math.min(count - 1, (long) count * limit * 95 / 100 / bytes));
        continue;
      }
      fitting = new Built(message, count);
      int fuller = (int) Math.min(pending.size(), (long) count * limit * 95 / 100 / bytes);
      if (fuller <= count || bytes >= limit * 90L / 100) {
        break;
      }
      count = fuller;
    }
    if (fitting == null) {
      throw new IllegalStateException("could not fit catalog changes under " + limit + " bytes");
    }
    return fitting;
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

  private Update build(List<? extends Operation> operations) {
    Update update = new Update(catalog);
    update.present(new NSRecord(catalog, DClass.IN, 0, CatalogContent.INVALID));
    update.present(new TXTRecord(version, DClass.IN, 0, "2"));
    operations.forEach(operation -> operation.accept(update));
    return update;
  }

  private static Record zeroTtl(Record record) {
    return Record.newRecord(
        record.getName(), record.getType(), record.getDClass(), 0, record.rdataToWireCanonical());
  }
}
