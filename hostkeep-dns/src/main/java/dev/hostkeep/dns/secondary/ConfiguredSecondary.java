package dev.hostkeep.dns.secondary;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.apply.ApplyReport;
import dev.hostkeep.core.apply.ApplySettings;
import dev.hostkeep.core.apply.BatchExecutor;
import dev.hostkeep.core.apply.ChangeOutcome;
import dev.hostkeep.core.apply.TargetExecutor;
import dev.hostkeep.core.capability.ConfiguredCapability;
import dev.hostkeep.core.capability.RunContext;
import dev.hostkeep.core.plan.Action;
import dev.hostkeep.core.plan.Change;
import dev.hostkeep.core.plan.Plan;
import dev.hostkeep.core.plan.TargetPlan;
import dev.hostkeep.core.state.JournalEntry;
import dev.hostkeep.core.state.JournalEntry.Outcome;
import dev.hostkeep.core.state.StateStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The {@code secondary} capability with its config read. Planning reads each entry's source, then
 * for each target either the state's memory of it (soft) or the target itself (hard: {@code
 * --refresh}, or when the last full read is older than {@code refresh_every}). When the source list
 * has not changed since a target was last brought in line, a soft plan does not contact the target.
 */
public final class ConfiguredSecondary implements ConfiguredCapability {
  private final List<SecondaryEntry> entries;
  private final Map<String, Located> targets = new LinkedHashMap<>();

  private record Located(SecondaryEntry entry, SecondaryTarget target) {}

  ConfiguredSecondary(List<SecondaryEntry> entries) {
    this.entries = List.copyOf(entries);
    for (SecondaryEntry entry : entries) {
      for (SecondaryTarget target : entry.targets()) {
        targets.put(entry.targetName(target), new Located(entry, target));
      }
    }
  }

  /** The names of the configured entries, in config order. */
  public List<String> entryNames() {
    return entries.stream().map(SecondaryEntry::name).toList();
  }

  /** The same capability limited to the entry named {@code name}. */
  public ConfiguredSecondary only(String name) {
    return new ConfiguredSecondary(entries.stream().filter(e -> e.name().equals(name)).toList());
  }

  /** What the state says of one target, for {@code hostkeep secondary status}. */
  public record TargetStatus(
      String target, int zones, Optional<Instant> lastFullRead, List<String> pendingFailures) {}

  /**
   * Per target: the zones it confirmed, its last full read, and the changes whose latest outcome is
   * a failure (they are retried next run). Reads only.
   */
  public List<TargetStatus> status(StateStore state) {
    Map<String, JournalEntry> latest = new LinkedHashMap<>();
    for (JournalEntry entry : state.journal(name(), 100_000)) {
      latest.putIfAbsent(entry.target() + " " + entry.key(), entry);
    }
    List<TargetStatus> status = new ArrayList<>();
    for (String target : targets.keySet()) {
      TargetCache.Snapshot snapshot = new TargetCache(state, target).read();
      List<String> failures =
          latest.values().stream()
              .filter(e -> e.target().equals(target) && e.outcome() == Outcome.FAILED)
              .map(e -> ("create".equals(e.action()) ? "+ " : "- ") + e.key() + ": " + e.message())
              .toList();
      status.add(
          new TargetStatus(target, snapshot.zones().size(), snapshot.lastFullRead(), failures));
    }
    return status;
  }

  @Override
  public String name() {
    return TargetCache.CAPABILITY;
  }

  /** What planning saw: each target's observation and each source listing worth remembering. */
  private record Detail(List<Observation> observations, List<SourceMemo.Read> sources) {}

  @Override
  public Plan plan(RunContext context) {
    List<TargetPlan> plans = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<Observation> observations = new ArrayList<>();
    List<SourceMemo.Read> sources = new ArrayList<>();
    for (SecondaryEntry entry : entries) {
      List<TargetCache.Snapshot> cached = new ArrayList<>();
      for (SecondaryTarget target : entry.targets()) {
        cached.add(new TargetCache(context.state(), entry.targetName(target)).read());
      }
      Optional<String> unchanged = unchangedDigest(entry, cached, context);
      if (unchanged.isPresent()) {
        for (int i = 0; i < cached.size(); i++) {
          String name = entry.targetName(entry.targets().get(i));
          Set<String> zones = cached.get(i).zones();
          observations.add(new Observation(name, false, zones, unchanged.get(), true));
          plans.add(new TargetPlan(name, zones.size(), List.of(), entry.guard()));
        }
        continue;
      }
      // Targets due for a full read are read while the source is: neither needs the other.
      List<FullRead> reads = new ArrayList<>();
      for (int i = 0; i < cached.size(); i++) {
        boolean full = context.refresh() || due(entry, cached.get(i), context.clock().instant());
        reads.add(full ? FullRead.start(entry.targets().get(i)) : null);
      }
      ZoneListing listing = entry.source().read();
      boolean holdRemovals = entry.policy() == Policy.ADD_ONLY || !listing.problems().isEmpty();
      for (String problem : listing.problems()) {
        notes.add(entry.name() + ": " + entry.source().name() + ": " + problem);
      }
      if (!listing.problems().isEmpty() && entry.policy() == Policy.SYNC) {
        notes.add(
            entry.name()
                + ": removals held back until the source problems above are fixed (a zone that"
                + " cannot be read is not a zone that is gone)");
      }
      String digest = digest(listing, entry.policy());
      if (listing.problems().isEmpty()) {
        listing
            .version()
            .ifPresent(
                v -> sources.add(new SourceMemo.Read(entry.name(), entry.policy(), v, digest)));
      }
      for (int i = 0; i < cached.size(); i++) {
        SecondaryTarget target = entry.targets().get(i);
        String name = entry.targetName(target);
        Observation observation = observe(name, digest, cached.get(i), reads.get(i), notes);
        observations.add(observation);
        plans.add(targetPlan(entry, target, name, listing, observation, holdRemovals));
      }
    }
    return new Plan(name(), plans, notes, new Detail(observations, sources));
  }

  /**
   * The digest of the entry's source list, known without reading the source: when the source is
   * still at the version the state remembers a listing under, and every target is in line with that
   * listing and not due for a full read. Empty otherwise, and always with {@code --refresh}.
   */
  private static Optional<String> unchangedDigest(
      SecondaryEntry entry, List<TargetCache.Snapshot> cached, RunContext context) {
    if (context.refresh()) {
      return Optional.empty();
    }
    Optional<String> digest =
        entry
            .source()
            .version()
            .flatMap(v -> new SourceMemo(context.state(), entry.name()).digest(entry.policy(), v));
    if (digest.isEmpty()) {
      return Optional.empty();
    }
    Instant now = context.clock().instant();
    for (TargetCache.Snapshot snapshot : cached) {
      if (due(entry, snapshot, now) || !snapshot.digest().equals(digest)) {
        return Optional.empty();
      }
    }
    return digest;
  }

  private static boolean due(SecondaryEntry entry, TargetCache.Snapshot cached, Instant now) {
    return cached.lastFullRead().isEmpty()
        || cached.lastFullRead().get().plus(entry.refreshEvery()).isBefore(now);
  }

  /** The target as the state remembers it, or as {@code read} (when it was due) found it. */
  private static Observation observe(
      String name, String digest, TargetCache.Snapshot cached, FullRead read, List<String> notes) {
    if (read == null) {
      boolean inLine = cached.digest().filter(digest::equals).isPresent();
      return new Observation(name, false, cached.zones(), digest, inLine);
    }
    Set<String> zones = read.zones();
    if (cached.lastFullRead().isPresent()) {
      drift(name, cached.zones(), zones, notes);
    }
    return new Observation(name, true, zones, digest, false);
  }

  /** One target's zones, read on a thread of its own. */
  private static final class FullRead {
    private final CompletableFuture<Set<String>> zones;

    private FullRead(CompletableFuture<Set<String>> zones) {
      this.zones = zones;
    }

    /**
     * Starts reading {@code target}. A platform thread, not a virtual one: the first virtual
     * thread's socket wait starts the JDK's poller, which costs a short command at exit.
     */
    static FullRead start(SecondaryTarget target) {
      return new FullRead(
          CompletableFuture.supplyAsync(
              () -> (Set<String>) new TreeSet<>(target.zones()),
              task -> Thread.ofPlatform().daemon().name("hostkeep-read-target").start(task)));
    }

    /** The zones read, or what the read threw, as it threw it. */
    Set<String> zones() {
      try {
        return zones.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException cause) {
          throw cause;
        }
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        throw e;
      }
    }
  }

  private static void drift(
      String name, Set<String> remembered, Set<String> read, List<String> notes) {
    long appeared = read.stream().filter(z -> !remembered.contains(z)).count();
    long vanished = remembered.stream().filter(z -> !read.contains(z)).count();
    if (appeared + vanished > 0) {
      notes.add(
          name
              + ": drift since the last full read: "
              + appeared
              + " zones added and "
              + vanished
              + " removed outside hostkeep");
    }
  }

  private static TargetPlan targetPlan(
      SecondaryEntry entry,
      SecondaryTarget target,
      String name,
      ZoneListing listing,
      Observation observation,
      boolean holdRemovals) {
    List<Change> changes = new ArrayList<>();
    if (!observation.inLine()) {
      for (String zone : listing.zones()) {
        if (!observation.zones().contains(zone)) {
          changes.add(Change.create(name, "zone", zone, null, new ZoneChange(target, zone)));
        }
      }
      if (!holdRemovals) {
        for (String zone : observation.zones()) {
          if (!listing.zones().contains(zone)) {
            changes.add(Change.delete(name, "zone", zone, null, new ZoneChange(target, zone)));
          }
        }
      }
    }
    return new TargetPlan(name, observation.zones().size(), changes, entry.guard());
  }

  @Override
  public TargetExecutor executor(String target, RunContext context) {
    Located located = targets.get(target);
    if (located == null) {
      throw new HostkeepException("no secondary target named " + target);
    }
    TargetCache cache = new TargetCache(context.state(), target);
    if (located.target() instanceof BatchSecondaryTarget batch) {
      return new Batch(batch, cache);
    }
    SecondaryTarget secondary = located.target();
    return new TargetExecutor() {
      @Override
      public void apply(Change change) {
        ZoneChange zone = (ZoneChange) change.payload();
        if (change.action() == Action.CREATE) {
          secondary.add(zone.zone());
          cache.confirm(List.of(zone.zone()), List.of());
        } else {
          secondary.remove(zone.zone());
          cache.confirm(List.of(), List.of(zone.zone()));
        }
      }

      @Override
      public ApplySettings settings() {
        return secondary.settings();
      }
    };
  }

  /** A target that applies all its changes in transactions of its own. */
  private record Batch(BatchSecondaryTarget target, TargetCache cache) implements BatchExecutor {
    @Override
    public void applyAll(List<Change> changes) {
      List<String> add = zones(changes, Action.CREATE);
      List<String> remove = zones(changes, Action.DELETE);
      target.apply(add, remove);
      cache.confirm(add, remove);
    }

    @Override
    public ApplySettings settings() {
      return target.settings();
    }

    private static List<String> zones(List<Change> changes, Action action) {
      return changes.stream()
          .filter(c -> c.action() == action)
          .map(c -> ((ZoneChange) c.payload()).zone())
          .toList();
    }
  }

  @Override
  public void applied(Plan plan, ApplyReport report, RunContext context) {
    if (!(plan.detail() instanceof Detail detail)) {
      return;
    }
    for (SourceMemo.Read source : detail.sources()) {
      new SourceMemo(context.state(), source.entry()).remember(source);
    }
    Instant now = context.clock().instant();
    for (Observation observation : detail.observations()) {
      String target = observation.target();
      List<ChangeOutcome> outcomes =
          report.outcomes().stream().filter(o -> o.change().target().equals(target)).toList();
      TargetCache cache = new TargetCache(context.state(), target);
      if (observation.fullRead()) {
        Set<String> zones = new TreeSet<>(observation.zones());
        for (ChangeOutcome outcome : outcomes) {
          if (outcome.outcome() == Outcome.APPLIED) {
            String zone = outcome.change().key();
            if (outcome.change().action() == Action.CREATE) {
              zones.add(zone);
            } else {
              zones.remove(zone);
            }
          }
        }
        cache.replace(zones, now);
      }
      if (!observation.inLine()
          && outcomes.stream().allMatch(o -> o.outcome() == Outcome.APPLIED)) {
        cache.digest(observation.sourceDigest());
      }
    }
  }

  /** The digest of a source list and policy: equal digests mean the same desired state. */
  static String digest(ZoneListing listing, Policy policy) {
    try {
      StringBuilder text = new StringBuilder(policy.name());
      for (String zone : listing.zones()) {
        text.append('\n').append(zone);
      }
      text.append(listing.problems().isEmpty() ? "\n0" : "\n1");
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(sha.digest(text.toString().getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
