package dev.hostkeep.dns.ddns;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.apply.ApplyReport;
import dev.hostkeep.core.apply.ApplySettings;
import dev.hostkeep.core.apply.TargetExecutor;
import dev.hostkeep.core.capability.ConfiguredCapability;
import dev.hostkeep.core.capability.RunContext;
import dev.hostkeep.core.plan.Action;
import dev.hostkeep.core.plan.Change;
import dev.hostkeep.core.plan.GuardPolicy;
import dev.hostkeep.core.plan.Plan;
import dev.hostkeep.core.plan.TargetPlan;
import dev.hostkeep.core.state.JournalEntry;
import dev.hostkeep.core.state.StateStore;
import dev.hostkeep.dns.ddns.RecordMemory.Remembered;
import dev.hostkeep.dns.ddns.RecordWork.Create;
import dev.hostkeep.dns.ddns.RecordWork.Resolve;
import dev.hostkeep.dns.ddns.RecordWork.Write;
import dev.hostkeep.dns.ddns.detect.AddressDetection;
import dev.hostkeep.dns.ddns.detect.Family;
import dev.hostkeep.dns.ddns.detect.Verdict;
import dev.hostkeep.dns.record.DnsRecord;
import dev.hostkeep.dns.record.RecordGoneException;
import dev.hostkeep.dns.record.RecordStore;
import dev.hostkeep.dns.record.RecordValues;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code ddns} capability with its config read. Planning detects this host's addresses, then
 * per record compares the value it should hold with what the state remembers: equal and checked
 * recently enough means nothing to do and no provider request at all. A record never seen, due for
 * a check ({@code verify_every}, {@code --force}/{@code --refresh}) is looked up at the provider
 * once. Applying writes each changed record on its own (one failing record does not stop the
 * others); a remembered record id the provider no longer knows is looked up again and healed.
 */
public final class ConfiguredDdns implements ConfiguredCapability {
  /** Address changes are the point of ddns: the guard never counts them as destruction. */
  static final GuardPolicy NO_GUARD = new GuardPolicy(1.0, Integer.MAX_VALUE);

  private final List<DdnsEntry> entries;
  private final Map<String, DdnsEntry> byName = new LinkedHashMap<>();

  ConfiguredDdns(List<DdnsEntry> entries) {
    this.entries = List.copyOf(entries);
    entries.forEach(entry -> byName.put(entry.name(), entry));
  }

  @Override
  public String name() {
    return RecordMemory.CAPABILITY;
  }

  /** The names of the configured entries, in config order. */
  public List<String> entryNames() {
    return List.copyOf(byName.keySet());
  }

  /** The same capability limited to the entry named {@code name}. */
  public ConfiguredDdns only(String name) {
    return new ConfiguredDdns(entries.stream().filter(e -> e.name().equals(name)).toList());
  }

  /** A record the provider was seen to hold with the right value while planning. */
  private record Seen(String entry, ManagedRecord record, DnsRecord held) {}

  @Override
  public Plan plan(RunContext context) {
    Instant now = context.clock().instant();
    Verdicts verdicts = new Verdicts();
    List<TargetPlan> targets = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<Seen> seen = new ArrayList<>();
    for (DdnsEntry entry : entries) {
      Map<String, Remembered> memory = new RecordMemory(context.state(), entry.name()).read();
      Map<Family, Verdict> entryVerdicts = new EnumMap<>(Family.class);
      for (Family family : entry.families()) {
        Verdict verdict = verdicts.of(entry.detection(), family);
        entryVerdicts.put(family, verdict);
        if (verdict.address().isEmpty()) {
          problems.add(
              entry.name()
                  + ": no "
                  + label(family)
                  + " address, so its records are left as they are: "
                  + verdict.explanation());
        }
      }
      List<Change> changes = new ArrayList<>();
      for (ManagedRecord record : entry.records()) {
        Verdict verdict = entryVerdicts.get(record.family());
        if (verdict.address().isEmpty()) {
          continue;
        }
        String desired = record.value(verdict.address().get());
        Optional<Remembered> known =
            Optional.ofNullable(memory.get(record.key()))
                .filter(r -> r.zone().equals(record.zone()));
        boolean checkDue =
            context.refresh()
                || known.isEmpty()
                || known.get().verifiedAt().plus(entry.verifyEvery()).isBefore(now);
        if (!checkDue) {
          Remembered remembered = known.get();
          if (!remembered.value().equals(desired)) {
            changes.add(
                Change.update(
                    entry.name(),
                    "record",
                    record.key(),
                    remembered.value(),
                    desired,
                    new Write(record, desired, remembered.asRecord(record))));
          }
          continue;
        }
        planFromProvider(entry, record, desired, known, changes, notes, problems, seen);
      }
      int creates = (int) changes.stream().filter(c -> c.action() == Action.CREATE).count();
      targets.add(
          new TargetPlan(entry.name(), entry.records().size() - creates, changes, NO_GUARD));
    }
    return new Plan(name(), targets, notes, List.copyOf(seen), problems);
  }

  private static void planFromProvider(
      DdnsEntry entry,
      ManagedRecord record,
      String desired,
      Optional<Remembered> known,
      List<Change> changes,
      List<String> notes,
      List<String> problems,
      List<Seen> seen) {
    String before = known.map(Remembered::value).orElse(null);
    List<DnsRecord> found;
    try {
      found = entry.store().find(record.zone(), record.name(), record.type());
    } catch (RuntimeException e) {
      notes.add(
          entry.name()
              + ": "
              + record.key()
              + ": lookup at "
              + entry.provider()
              + " failed ("
              + message(e)
              + "); it is looked up again when applying");
      changes.add(
          Change.update(
              entry.name(), "record", record.key(), before, desired, new Resolve(record, desired)));
      return;
    }
    Lookup lookup = new Lookup(found, desired);
    if (found.size() == 1 && lookup.holding().isPresent()) {
      seen.add(new Seen(entry.name(), record, lookup.holding().get()));
      return;
    }
    if (found.isEmpty()) {
      if (!entry.create()) {
        problems.add(entry.name() + ": " + missing(entry, record));
        return;
      }
      changes.add(
          Change.create(
              entry.name(), "record", record.key(), desired, new Create(record, desired)));
      return;
    }
    DnsRecord existing = lookup.toWrite();
    if (found.size() > 1) {
      notes.add(
          entry.name()
              + ": "
              + record.key()
              + ": "
              + entry.provider()
              + " holds "
              + found.size()
              + " records ("
              + String.join(", ", found.stream().map(DnsRecord::value).toList())
              + "); hostkeep sets one of them, remove the others by hand");
    }
    changes.add(
        Change.update(
            entry.name(),
            "record",
            record.key(),
            existing.value().isEmpty() ? null : existing.value(), // a store that cannot read
            desired,
            new Write(record, desired, existing)));
  }

  @Override
  public TargetExecutor executor(String target, RunContext context) {
    DdnsEntry entry = byName.get(target);
    if (entry == null) {
      throw new HostkeepException("no ddns entry named " + target);
    }
    RecordMemory memory = new RecordMemory(context.state(), entry.name());
    return new TargetExecutor() {
      @Override
      public void apply(Change change) {
        RecordWork work = (RecordWork) change.payload();
        ManagedRecord record = work.record();
        DnsRecord held =
            switch (work) {
              case Write write -> write(entry, write);
              case Create create -> create(entry, record, create.value());
              case Resolve resolve -> resolve(entry, record, resolve.value());
            };
        memory.confirmed(record, held, record.zone(), context.clock().instant());
      }

      @Override
      public ApplySettings settings() {
        return entry.store().settings();
      }
    };
  }

  private static DnsRecord write(DdnsEntry entry, Write write) {
    ManagedRecord record = write.record();
    try {
      return held(
          entry.store().update(record.zone(), write.existing(), write.value(), record.ttl()),
          write.value());
    } catch (RecordGoneException gone) {
      // The remembered id was deleted at the provider: find the record again (or create it).
      return resolve(entry, record, write.value());
    }
  }

  private static DnsRecord create(DdnsEntry entry, ManagedRecord record, String value) {
    return held(
        entry.store().create(record.zone(), record.name(), record.type(), value, record.ttl()),
        value);
  }

  /**
   * What the provider answered it holds now, with the value as hostkeep spells it; its TTL is the
   * provider's (Cloudflare keeps a proxied record's automatic TTL), which later writes keep.
   */
  private static DnsRecord held(DnsRecord answered, String value) {
    return answered.withValue(value, answered.ttl());
  }

  private static DnsRecord resolve(DdnsEntry entry, ManagedRecord record, String value) {
    RecordStore store = entry.store();
    Lookup lookup = new Lookup(store.find(record.zone(), record.name(), record.type()), value);
    if (lookup.holding().isPresent()) {
      return lookup.holding().get();
    }
    if (lookup.found().isEmpty()) {
      if (!entry.create()) {
        throw new HostkeepException(missing(entry, record));
      }
      return create(entry, record, value);
    }
    return held(store.update(record.zone(), lookup.toWrite(), value, record.ttl()), value);
  }

  /** What a lookup at the provider found for one record, against the value it should hold. */
  private record Lookup(List<DnsRecord> found, String desired) {
    /** A record that already holds the value (whatever spelling the provider uses). */
    Optional<DnsRecord> holding() {
      return found.stream()
          .filter(r -> RecordValues.canonical(r.value()).equals(desired))
          .findFirst();
    }

    /** The record to set: one already holding the value, else the first found. */
    DnsRecord toWrite() {
      return holding().orElse(found.getFirst());
    }
  }

  private static String missing(DdnsEntry entry, ManagedRecord record) {
    return record.key()
        + " does not exist at "
        + entry.provider()
        + " and create: false; create it there, or set create: true";
  }

  @Override
  @SuppressWarnings("unchecked")
  public void applied(Plan plan, ApplyReport report, RunContext context) {
    if (!(plan.detail() instanceof List<?> detail)) {
      return;
    }
    Instant now = context.clock().instant();
    for (Seen seen : (List<Seen>) detail) {
      new RecordMemory(context.state(), seen.entry())
          .confirmed(seen.record(), seen.held(), seen.record().zone(), now);
    }
  }

  /** What {@code hostkeep ddns status} shows of one record. */
  public record RecordStatus(
      String entry,
      String record,
      Optional<String> address,
      Optional<Instant> changedAt,
      Optional<Instant> verifiedAt,
      Optional<String> lastError,
      List<HistoryItem> history) {}

  /** One address change: when, and the new address. */
  public record HistoryItem(Instant at, String address) {}

  /** Per record what the state remembers, the latest error if the latest attempt failed. */
  public List<RecordStatus> status(StateStore state) {
    Map<String, JournalEntry> latest = new LinkedHashMap<>();
    for (JournalEntry journal : state.journal(name(), 10_000)) {
      latest.putIfAbsent(journal.target() + "\n" + journal.key(), journal);
    }
    List<RecordStatus> out = new ArrayList<>();
    for (DdnsEntry entry : entries) {
      RecordMemory memory = new RecordMemory(state, entry.name());
      Map<String, Remembered> remembered = memory.read();
      for (ManagedRecord record : entry.records()) {
        Optional<Remembered> known = Optional.ofNullable(remembered.get(record.key()));
        Optional<String> error =
            Optional.ofNullable(latest.get(entry.name() + "\n" + record.key()))
                .filter(j -> j.outcome() == JournalEntry.Outcome.FAILED)
                .map(JournalEntry::message);
        out.add(
            new RecordStatus(
                entry.name(),
                record.key(),
                known.map(Remembered::value),
                known.flatMap(Remembered::changedAt),
                known.map(Remembered::verifiedAt),
                error,
                memory.history(record).stream()
                    .map(c -> new HistoryItem(c.at(), c.value()))
                    .toList()));
      }
    }
    return out;
  }

  /** What each entry's sources say about the families its records need. */
  public record Detection(String entry, List<Verdict> verdicts) {}

  /** Asks every entry's address sources (no provider is contacted, nothing is written). */
  public List<Detection> detect() {
    Verdicts verdicts = new Verdicts();
    List<Detection> out = new ArrayList<>();
    for (DdnsEntry entry : entries) {
      List<Verdict> list = new ArrayList<>();
      for (Family family : entry.families()) {
        list.add(verdicts.of(entry.detection(), family));
      }
      out.add(new Detection(entry.name(), list));
    }
    return out;
  }

  /** Each detection asked once per run and family, however many entries share it. */
  private static final class Verdicts {
    private final Map<AddressDetection, Map<Family, Verdict>> cache = new IdentityHashMap<>();

    Verdict of(AddressDetection detection, Family family) {
      return cache
          .computeIfAbsent(detection, d -> new EnumMap<>(Family.class))
          .computeIfAbsent(family, detection::detect);
    }
  }

  static String label(Family family) {
    return family == Family.IPV4 ? "IPv4" : "IPv6";
  }

  private static String message(RuntimeException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
