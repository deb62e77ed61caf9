package dev.hostkeep.dns.replicate;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.apply.ApplyReport;
import dev.hostkeep.core.apply.ApplySettings;
import dev.hostkeep.core.apply.BatchExecutor;
import dev.hostkeep.core.apply.ChangeOutcome;
import dev.hostkeep.core.apply.TargetExecutor;
import dev.hostkeep.core.capability.ConfiguredCapability;
import dev.hostkeep.core.capability.RunContext;
import dev.hostkeep.core.plan.Change;
import dev.hostkeep.core.plan.Plan;
import dev.hostkeep.core.plan.TargetPlan;
import dev.hostkeep.core.state.JournalEntry.Outcome;
import dev.hostkeep.core.state.StateStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The {@code replicate} capability with its config read. Planning reads every zone from its source
 * and from the target (side by side, at most the entry's {@code concurrency} at once) and plans one
 * target per zone: the RRsets to create, replace and delete there. Applying sends each zone's
 * changes to the target as one unit.
 */
public final class ConfiguredReplicate implements ConfiguredCapability {
  private final List<ReplicateEntry> entries;
  private final Optional<Set<String>> onlyZones;

  ConfiguredReplicate(List<ReplicateEntry> entries, Optional<Set<String>> onlyZones) {
    this.entries = List.copyOf(entries);
    this.onlyZones = onlyZones;
  }

  @Override
  public String name() {
    return ZoneMemory.CAPABILITY;
  }

  public List<String> entryNames() {
    return entries.stream().map(ReplicateEntry::name).toList();
  }

  /** The same capability limited to the entry named {@code name}. */
  public ConfiguredReplicate only(String name) {
    return new ConfiguredReplicate(
        entries.stream().filter(e -> e.name().equals(name)).toList(), onlyZones);
  }

  /**
   * The same capability limited to {@code zones} (source or target names); throws a usage error
   * naming the configured zones when one of them is not replicated by any entry.
   */
  public ConfiguredReplicate zones(Collection<String> zones) {
    Set<String> wanted = new java.util.TreeSet<>();
    for (String zone : zones) {
      wanted.add(dev.hostkeep.dns.ZoneName.parse(zone).toString());
    }
    Set<String> known = new java.util.TreeSet<>();
    for (ReplicateEntry entry : entries) {
      for (String zone : entry.sourceZones()) {
        known.add(zone);
        known.add(entry.rewrites().targetZone(zone));
      }
    }
    for (String zone : wanted) {
      if (!known.contains(zone)) {
        throw HostkeepException.usage(
            "zone "
                + zone
                + " is not replicated by any replicate entry"
                + dev.hostkeep.core.config.Suggestions.didYouMean(zone, known));
      }
    }
    return new ConfiguredReplicate(entries, Optional.of(wanted));
  }

  /** The entries' NOTIFY listeners, for {@code replicate listen}. */
  public List<Listening> listeners() {
    List<Listening> out = new ArrayList<>();
    for (ReplicateEntry entry : entries) {
      entry
          .notifications()
          .ifPresent(
              n ->
                  out.add(
                      new Listening(entry.name(), n.host(), n.port(), n.allow(), zonesOf(entry))));
    }
    return out;
  }

  /** One entry's listener: address, who may notify, and the zones it answers for (source names). */
  public record Listening(
      String entry, String host, int port, List<String> allow, List<String> zones) {}

  /** How often {@code replicate listen} reconciles every zone: the shortest entry's setting. */
  public java.time.Duration reconcileEvery() {
    return entries.stream()
        .map(ReplicateEntry::reconcileEvery)
        .min(java.time.Duration::compareTo)
        .orElse(java.time.Duration.ofHours(1));
  }

  private List<String> zonesOf(ReplicateEntry entry) {
    List<String> zones = entry.sourceZones();
    if (onlyZones.isEmpty()) {
      return zones;
    }
    return zones.stream()
        .filter(
            z ->
                onlyZones.get().contains(z)
                    || onlyZones.get().contains(entry.rewrites().targetZone(z)))
        .toList();
  }

  /** What planning saw of one zone, for the executor and for {@code applied}. */
  record Observed(
      ReplicateEntry entry,
      String zone,
      String target,
      long sourceSerial,
      boolean exists,
      List<String> nameservers,
      ZoneDiff diff,
      String error) {}

  /** The payload of each change: the zone it belongs to and the RRset change. */
  record Work(Observed zone, RRsetChange change) {}

  private record Planned(Observed observed, TargetPlan plan, List<String> notes) {}

  @Override
  public Plan plan(RunContext context) {
    List<TargetPlan> plans = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Map<String, Observed> observed = new LinkedHashMap<>();
    ZoneMemory memory = new ZoneMemory(context.state());
    for (ReplicateEntry entry : entries) {
      List<String> zones;
      try {
        zones = zonesOf(entry);
      } catch (RuntimeException e) {
        problems.add(entry.name() + ": " + message(e));
        continue;
      }
      List<Planned> planned = planZones(entry, zones, memory);
      for (Planned p : planned) {
        observed.put(p.observed().target(), p.observed());
        if (p.plan() != null) {
          plans.add(p.plan());
        }
        p.notes().forEach(n -> notes.add(p.observed().target() + ": " + n));
        if (p.observed().error() != null) {
          problems.add(p.observed().target() + ": " + p.observed().error());
        } else {
          p.observed()
              .diff()
              .problems()
              .forEach(x -> problems.add(p.observed().target() + ": " + x));
        }
      }
    }
    return new Plan(name(), plans, notes, observed, problems);
  }

  private static List<Planned> planZones(
      ReplicateEntry entry, List<String> zones, ZoneMemory memory) {
    // Platform threads for the reason the applier gives; few, and each waits on one server.
    try (ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(entry.concurrency(), zones.size())),
            Thread.ofPlatform().daemon().name("hostkeep-replicate-", 0).factory())) {
      List<Future<Planned>> futures = new ArrayList<>();
      for (String zone : zones) {
        ZoneMemory.Row row = memory.read(entry.targetName(zone));
        futures.add(pool.submit(() -> planZone(entry, zone, row)));
      }
      List<Planned> out = new ArrayList<>();
      for (Future<Planned> future : futures) {
        try {
          out.add(future.get());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new HostkeepException("interrupted while reading zones", e);
        } catch (java.util.concurrent.ExecutionException e) {
          throw new HostkeepException(
              "planning failed unexpectedly: " + e.getCause(), e.getCause());
        }
      }
      return out;
    }
  }

  private static Planned planZone(ReplicateEntry entry, String zone, ZoneMemory.Row row) {
    String target = entry.targetName(zone);
    List<String> notes = new ArrayList<>();
    ZoneContent source = null;
    Optional<ZoneContent> held;
    entry.slots().acquireUninterruptibly();
    try {
      source = entry.source().read(zone);
      held = entry.target().read(entry.rewrites().targetZone(zone));
    } catch (RuntimeException e) {
      long serial = source == null ? -1 : source.serial();
      Observed failed =
          new Observed(entry, zone, target, serial, false, List.of(), null, message(e));
      return new Planned(failed, null, notes);
    } finally {
      entry.slots().release();
    }
    ZoneContent desired = entry.rewrites().apply(source, entry.target(), entry.scope(), notes);
    if (held.isEmpty() && !entry.target().createsZones()) {
      String error = "the target does not serve zone " + desired.zone() + " and cannot create it";
      return new Planned(
          new Observed(entry, zone, target, source.serial(), false, List.of(), null, error),
          null,
          notes);
    }
    Set<String> owned = row.ownedSet();
    if (entry.scope().apexNs()) {
      owned.add(RRset.key(desired.apex(), "NS")); // rewrite.ns says whose it is
    }
    ZoneDiff diff =
        ZoneDiff.between(desired, held, owned, entry.policy(), entry.adopt(), entry.scope());
    List<String> nameservers =
        Optional.ofNullable(source.rrsets().get(RRset.key(source.apex(), "NS")))
            .map(RRset::values)
            .orElse(List.of());
    Observed observed =
        new Observed(
            entry, zone, target, source.serial(), held.isPresent(), nameservers, diff, null);
    List<Change> changes = new ArrayList<>();
    for (RRsetChange change : diff.changes()) {
      Work work = new Work(observed, change);
      changes.add(
          switch (change.action()) {
            case CREATE ->
                Change.create(target, "rrset", change.key(), change.after().describe(), work);
            case UPDATE ->
                Change.update(
                    target,
                    "rrset",
                    change.key(),
                    change.before().describe(),
                    change.after().describe(),
                    work);
            case DELETE ->
                Change.delete(target, "rrset", change.key(), change.before().describe(), work);
          });
    }
    return new Planned(
        observed, new TargetPlan(target, diff.existing(), changes, entry.guard()), notes);
  }

  @Override
  public TargetExecutor executor(String target, RunContext context) {
    ZoneMemory memory = new ZoneMemory(context.state());
    return new BatchExecutor() {
      @Override
      public void applyAll(List<Change> changes) {
        Observed zone = ((Work) changes.getFirst().payload()).zone();
        List<RRsetChange> rrsets =
            changes.stream().map(c -> ((Work) c.payload()).change()).toList();
        ReplicateEntry entry = zone.entry();
        entry.slots().acquireUninterruptibly();
        try {
          entry
              .target()
              .apply(
                  new ZoneUpdate(
                      entry.rewrites().targetZone(zone.zone()),
                      zone.exists(),
                      rrsets,
                      zone.nameservers()));
        } finally {
          entry.slots().release();
        }
        // Confirmed: remember ownership now, so a crash a moment later cannot orphan the records.
        memory.write(target, inLine(zone, memory.read(target), context.clock().instant()));
      }

      @Override
      public ApplySettings settings() {
        ReplicateEntry entry =
            entries.stream()
                .filter(e -> target.startsWith(e.name() + "/"))
                .findFirst()
                .orElseThrow(() -> new HostkeepException("no replicate target named " + target));
        return entry.target().zoneSettings();
      }
    };
  }

  @Override
  public void applied(Plan plan, ApplyReport report, RunContext context) {
    if (!(plan.detail() instanceof Map<?, ?> detail)) {
      return;
    }
    ZoneMemory memory = new ZoneMemory(context.state());
    Instant now = context.clock().instant();
    Map<String, String> failures = new LinkedHashMap<>();
    for (ChangeOutcome outcome : report.outcomes()) {
      if (outcome.outcome() == Outcome.FAILED) {
        failures.putIfAbsent(outcome.change().target(), outcome.message());
      }
    }
    for (Object value : detail.values()) {
      Observed zone = (Observed) value;
      ZoneMemory.Row row = memory.read(zone.target());
      String error = zone.error() != null ? zone.error() : failures.get(zone.target());
      if (error == null && zone.diff() != null && !zone.diff().problems().isEmpty()) {
        error = zone.diff().problems().getFirst();
      }
      if (error != null) {
        memory.write(zone.target(), behind(row, zone, error, now));
      } else {
        memory.write(zone.target(), inLine(zone, row, now));
      }
    }
  }

  private static ZoneMemory.Row inLine(Observed zone, ZoneMemory.Row row, Instant now) {
    boolean moved =
        row.replicatedSerial() == null || row.replicatedSerial().longValue() != zone.sourceSerial();
    return new ZoneMemory.Row(
        List.copyOf(zone.diff().ownedAfter()),
        zone.sourceSerial(),
        zone.sourceSerial(),
        moved || row.replicatedAt() == null ? now.toString() : row.replicatedAt(),
        null,
        null);
  }

  private static ZoneMemory.Row behind(
      ZoneMemory.Row row, Observed zone, String error, Instant now) {
    Long serial = zone.sourceSerial() >= 0 ? Long.valueOf(zone.sourceSerial()) : row.sourceSerial();
    return new ZoneMemory.Row(
        row.owned(),
        serial,
        row.replicatedSerial(),
        row.replicatedAt(),
        row.behindSince() == null ? now.toString() : row.behindSince(),
        error);
  }

  /** What the state says of one zone, for {@code hostkeep replicate status}. */
  public record ZoneStatus(
      String target,
      Optional<Long> sourceSerial,
      Optional<Long> replicatedSerial,
      Optional<Instant> replicatedAt,
      Optional<Instant> behindSince,
      int owned,
      Optional<String> lastError) {}

  /** Per configured zone, what the state remembers. Reads only the state store: fast. */
  public List<ZoneStatus> status(StateStore state) {
    ZoneMemory memory = new ZoneMemory(state);
    List<ZoneStatus> out = new ArrayList<>();
    for (ReplicateEntry entry : entries) {
      for (String zone : zonesOf(entry)) {
        String target = entry.targetName(zone);
        Optional<ZoneMemory.Row> row = memory.find(target);
        out.add(
            new ZoneStatus(
                target,
                row.map(ZoneMemory.Row::sourceSerial),
                row.map(ZoneMemory.Row::replicatedSerial),
                row.map(ZoneMemory.Row::replicatedAt).map(Instant::parse),
                row.map(ZoneMemory.Row::behindSince).map(Instant::parse),
                row.map(r -> r.owned().size()).orElse(0),
                row.map(ZoneMemory.Row::lastError)));
      }
    }
    return out;
  }

  private static String message(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
