package dev.hostkeep.dns.replicate;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.dns.record.DnsRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Whole zones on a provider without transactions, made as good as atomic: the zone is listed again
 * right before writing and the writes go ahead only if every RRset to change still holds what was
 * planned; then all creations come first and all deletions last, so no name is ever left without
 * its records (a value that only changes its TTL is deleted and created again in between, the one
 * moment that value is away; and where a CNAME comes or goes beside other records, which providers
 * refuse to hold at once, that name's deletions go first); and when a call fails, the calls already
 * made are undone in reverse order, leaving the zone as it was (records deleted and created again
 * get new ids from the provider). Only then is the zone reported failed. If undoing fails too, the
 * message says exactly what is left changed.
 */
final class RecordSetTarget {
  private final ZoneRecords records;

  RecordSetTarget(ZoneRecords records) {
    this.records = records;
  }

  Optional<ZoneContent> read(String zone) {
    return Optional.of(content(zone, records.list(zone)));
  }

  private static ZoneContent content(String zone, List<DnsRecord> list) {
    Map<String, List<DnsRecord>> byKey = byKey(list);
    TreeMap<String, RRset> rrsets = new TreeMap<>();
    for (List<DnsRecord> set : byKey.values()) {
      DnsRecord first = set.getFirst();
      long ttl = set.stream().mapToLong(DnsRecord::ttl).min().orElse(first.ttl());
      RRset rrset =
          new RRset(
              first.name() + ".", first.type(), ttl, set.stream().map(DnsRecord::value).toList());
      rrsets.put(rrset.key(), rrset);
    }
    return new ZoneContent(zone, -1, rrsets);
  }

  private static Map<String, List<DnsRecord>> byKey(List<DnsRecord> list) {
    Map<String, List<DnsRecord>> byKey = new TreeMap<>();
    for (DnsRecord record : list) {
      String key = RRset.key(record.name().toLowerCase(Locale.ROOT) + ".", record.type());
      byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(record);
    }
    return byKey;
  }

  /** One call: a record to create, or a record (with its id) to delete. */
  private record Call(boolean create, DnsRecord record) {}

  void apply(ZoneUpdate update) {
    String zone = update.zone();
    if (!update.exists()) {
      throw new HostkeepException(
          "zone " + zone + " does not exist at the provider; create it there first");
    }
    List<DnsRecord> listed = records.list(zone);
    Map<String, List<DnsRecord>> now = byKey(listed);
    ZoneContent current = content(zone, listed);
    List<Call> creates = new ArrayList<>();
    List<Call> retimed = new ArrayList<>();
    List<Call> deletes = new ArrayList<>();
    for (RRsetChange change : update.changes()) {
      RRset held = current.rrsets().get(change.key());
      if (!java.util.Objects.equals(held, change.before())) {
        throw HostkeepException.retriable(
            "zone "
                + zone
                + ": "
                + change.key()
                + " changed at the provider since it was planned"
                + " (now "
                + (held == null ? "absent" : held.describe())
                + "); nothing was written",
            null);
      }
      List<DnsRecord> have = now.getOrDefault(change.key(), List.of());
      RRset after = change.after();
      String name = after == null ? null : after.name().substring(0, after.name().length() - 1);
      for (DnsRecord record : have) {
        if (after == null || !after.values().contains(record.value())) {
          deletes.add(new Call(false, record));
        } else if (after.ttl() != record.ttl()) {
          // The same value with a new TTL: deleted, then created again. Created first, it would
          // be the same record to Cloudflare ("identical record exists", TTL aside) or a
          // duplicate to Alidns, and the deletion would then remove the only copy.
          retimed.add(new Call(false, record));
          retimed.add(
              new Call(
                  true,
                  new DnsRecord(null, name, after.type(), record.value(), (int) after.ttl())));
        }
      }
      if (after != null) {
        for (String value : after.values()) {
          if (have.stream().noneMatch(r -> r.value().equals(value))) {
            creates.add(
                new Call(true, new DnsRecord(null, name, after.type(), value, (int) after.ttl())));
          }
        }
      }
    }
    // At a name where a CNAME comes or goes beside other records, the provider refuses the new
    // records while the old ones stand (Cloudflare 81053, Alidns): those deletions go first.
    Set<String> swapped = new HashSet<>();
    for (Call create : creates) {
      for (Call delete : deletes) {
        if (owner(delete).equals(owner(create)) && (isCname(create) || isCname(delete))) {
          swapped.add(owner(create));
        }
      }
    }
    Map<Boolean, List<Call>> deletesFirst =
        deletes.stream().collect(Collectors.partitioningBy(d -> swapped.contains(owner(d))));
    List<Call> calls = new ArrayList<>(deletesFirst.get(true));
    calls.addAll(creates);
    calls.addAll(retimed);
    calls.addAll(deletesFirst.get(false));
    run(zone, calls);
    if (!calls.isEmpty()) {
      records.publish(zone);
    }
  }

  private static String owner(Call call) {
    return call.record().name().toLowerCase(Locale.ROOT);
  }

  private static boolean isCname(Call call) {
    return call.record().type().equalsIgnoreCase("CNAME");
  }

  private void run(String zone, List<Call> calls) {
    List<Call> done = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      Call call = calls.get(i);
      try {
        done.add(perform(zone, call));
      } catch (RuntimeException e) {
        String failed =
            "zone "
                + zone
                + ": call "
                + (i + 1)
                + " of "
                + calls.size()
                + " ("
                + describe(call)
                + ") failed: "
                + e.getMessage();
        undo(zone, done, failed, e);
        if (!done.isEmpty()) {
          records.publish(zone);
        }
        throw new HostkeepException(
            failed
                + "; the "
                + done.size()
                + " calls made before it were undone, the zone is as it was",
            e);
      }
    }
  }

  /** Makes {@code call}; returns the call that undoes it. */
  private Call perform(String zone, Call call) {
    DnsRecord record = call.record();
    if (call.create()) {
      DnsRecord created =
          records.add(zone, record.name(), record.type(), record.value(), record.ttl());
      return new Call(false, created);
    }
    records.remove(zone, record);
    return new Call(true, record);
  }

  private void undo(String zone, List<Call> done, String failed, RuntimeException cause) {
    for (int i = done.size() - 1; i >= 0; i--) {
      try {
        perform(zone, done.get(i));
      } catch (RuntimeException e) {
        List<String> left = new ArrayList<>();
        for (int j = i; j >= 0; j--) {
          left.add(describe(done.get(j)) + " not done");
        }
        throw new HostkeepException(
            failed
                + "; undoing failed too ("
                + e.getMessage()
                + "): the zone is left changed: "
                + String.join(", ", left),
            cause);
      }
    }
  }

  private static String describe(Call call) {
    return (call.create() ? "create " : "delete ") + call.record().describe();
  }
}
