package dev.hostkeep.dns.secondary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostkeep.core.apply.Applier;
import dev.hostkeep.core.engine.Engine;
import dev.hostkeep.core.engine.Engine.ApplyResult;
import dev.hostkeep.core.plan.Action;
import dev.hostkeep.core.plan.GuardPolicy;
import dev.hostkeep.core.plan.Plan;
import dev.hostkeep.core.secret.Redactor;
import dev.hostkeep.core.state.RecordKey;
import dev.hostkeep.core.state.StateStore;
import dev.hostkeep.core.state.StateStores;
import dev.hostkeep.dns.source.ZoneFolderSettings;
import dev.hostkeep.dns.source.ZoneFolderSource;
import dev.hostkeep.testkit.FakeClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secondary loop on a real SQLite state: soft and hard mode, drift, failures, guard, policies.
 */
class ConfiguredSecondaryTest {
  @TempDir Path dir;
  final FakeClock clock = FakeClock.atEpoch2026();
  final MemoryTarget target = new MemoryTarget("memory");
  final Set<String> source = new TreeSet<>();
  final List<String> problems = new ArrayList<>();
  Optional<String> version = Optional.empty();
  int sourceReads;
  StateStore state;

  @BeforeEach
  void open() {
    state = StateStores.open("sqlite:" + dir.resolve("state.db"), clock);
  }

  @AfterEach
  void close() {
    state.close();
  }

  private ConfiguredSecondary secondary(Policy policy) {
    ZoneSource zoneSource =
        new ZoneSource() {
          @Override
          public String name() {
            return "test source";
          }

          @Override
          public ZoneListing read() {
            sourceReads++;
            return new ZoneListing(new TreeSet<>(source), problems, version);
          }

          @Override
          public Optional<String> version() {
            return version;
          }
        };
    return new ConfiguredSecondary(
        List.of(
            new SecondaryEntry(
                "main",
                zoneSource,
                policy,
                Duration.ofHours(24),
                GuardPolicy.DEFAULT,
                List.of(target))));
  }

  private ApplyResult apply(ConfiguredSecondary secondary, boolean force, boolean refresh) {
    Engine engine =
        new Engine(clock, new Applier(clock, d -> clock.advance(d), new Random(1)), new Redactor());
    return engine.apply(
        secondary,
        state,
        new Engine.ApplyOptions(force, refresh, Duration.ZERO),
        plan -> true,
        new Engine.Events() {});
  }

  private static List<String> lines(Plan plan) {
    return plan.changes().stream().map(c -> c.action().symbol() + " " + c.key()).toList();
  }

  private void zones(Set<String> into, int from, int to) {
    for (int i = from; i < to; i++) {
      into.add("zone" + i + ".test");
    }
  }

  @Test
  void firstRunReadsTheTargetAndAddsWhatIsMissing() {
    zones(source, 0, 5);
    target.zones.add("zone0.test");

    ApplyResult result = apply(secondary(Policy.SYNC), false, false);

    assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.APPLIED);
    assertThat(lines(result.plan()))
        .containsExactly("+ zone1.test", "+ zone2.test", "+ zone3.test", "+ zone4.test");
    assertThat(target.zones).isEqualTo(source);
  }

  @Test
  void softRunWithAnUnchangedSourceContactsNoTarget() {
    zones(source, 0, 5);
    apply(secondary(Policy.SYNC), false, false);
    int calls = target.calls();

    ApplyResult again = apply(secondary(Policy.SYNC), false, false);

    assertThat(again.outcome()).isEqualTo(ApplyResult.Outcome.NOTHING_TO_DO);
    assertThat(target.calls()).isEqualTo(calls);
  }

  @Test
  void softRunDiffsANewSourceAgainstWhatTheTargetConfirmed() {
    zones(source, 0, 5);
    apply(secondary(Policy.SYNC), false, false);
    int reads = target.reads.get();
    source.add("new.test");
    source.remove("zone4.test");

    ApplyResult result = apply(secondary(Policy.SYNC), false, false);

    assertThat(lines(result.plan())).containsExactly("+ new.test", "- zone4.test");
    assertThat(target.reads.get()).isEqualTo(reads);
    assertThat(target.zones).isEqualTo(source);
  }

  @Test
  void driftIsSeenByTheNextFullRead() {
    zones(source, 0, 10);
    apply(secondary(Policy.SYNC), false, false);
    target.zones.remove("zone3.test");
    target.zones.add("by-hand.test");

    assertThat(apply(secondary(Policy.SYNC), false, false).outcome())
        .isEqualTo(ApplyResult.Outcome.NOTHING_TO_DO);
    clock.advance(Duration.ofHours(25));
    ApplyResult result = apply(secondary(Policy.SYNC), false, false);

    assertThat(lines(result.plan())).containsExactly("+ zone3.test", "- by-hand.test");
    assertThat(result.plan().notes())
        .containsExactly(
            "main/memory: drift since the last full read: 1 zones added and 1 removed outside hostkeep");
    assertThat(target.zones).isEqualTo(source);
  }

  @Test
  void refreshForcesAFullRead() {
    zones(source, 0, 3);
    apply(secondary(Policy.SYNC), false, false);
    target.zones.remove("zone1.test");

    ApplyResult result = apply(secondary(Policy.SYNC), false, true);

    assertThat(lines(result.plan())).containsExactly("+ zone1.test");
  }

  @Test
  void aFailedAddIsNotRememberedAndIsPlannedAgain() {
    zones(source, 0, 3);
    target.failing.add("zone1.test");

    ApplyResult first = apply(secondary(Policy.SYNC), false, false);

    assertThat(first.outcome()).isEqualTo(ApplyResult.Outcome.FAILED);
    assertThat(new TargetCache(state, "main/memory").read().zones())
        .containsExactly("zone0.test", "zone2.test");
    target.failing.clear();
    ApplyResult second = apply(secondary(Policy.SYNC), false, false);
    assertThat(lines(second.plan())).containsExactly("+ zone1.test");
    assertThat(target.zones).isEqualTo(source);
  }

  @Test
  void theGuardRefusesRemovingMoreThanTheShareAndForceOverrides() {
    zones(source, 0, 10);
    apply(secondary(Policy.SYNC), false, false);
    source.clear();
    zones(source, 0, 6);

    ApplyResult refused = apply(secondary(Policy.SYNC), false, false);
    assertThat(refused.outcome()).isEqualTo(ApplyResult.Outcome.REFUSED);
    assertThat(target.zones).hasSize(10);

    ApplyResult forced = apply(secondary(Policy.SYNC), true, false);
    assertThat(forced.outcome()).isEqualTo(ApplyResult.Outcome.APPLIED);
    assertThat(target.zones).isEqualTo(source);
  }

  @Test
  void emptyZoneFolderIsRefusedEvenForOneZone() {
    source.add("only.test");
    apply(secondary(Policy.SYNC), false, false);
    source.clear();

    ApplyResult result = apply(secondary(Policy.SYNC), false, false);

    assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.REFUSED);
    assertThat(result.refusals().getFirst().reason()).contains("this would empty the target");
    assertThat(target.zones).containsExactly("only.test");
  }

  @Test
  void addOnlyNeverRemoves() {
    zones(source, 0, 3);
    target.zones.add("elsewhere.test");

    ApplyResult result = apply(secondary(Policy.ADD_ONLY), false, false);

    assertThat(result.plan().changes()).allMatch(c -> c.action() == Action.CREATE);
    assertThat(target.zones).contains("elsewhere.test").containsAll(source);
  }

  @Test
  void sourceProblemsHoldRemovalsBack() {
    zones(source, 0, 3);
    apply(secondary(Policy.SYNC), false, false);
    source.remove("zone2.test");
    problems.add("zone2.test.db line 4: no SOA");

    ApplyResult result = apply(secondary(Policy.SYNC), false, false);

    assertThat(result.plan().changes()).isEmpty();
    assertThat(result.plan().notes())
        .contains("main: test source: zone2.test.db line 4: no SOA")
        .anyMatch(n -> n.contains("removals held back"));
    assertThat(target.zones).contains("zone2.test");
  }

  @Test
  void planningOnAReadOnlyStateChangesNothingAnywhere() {
    zones(source, 0, 3);
    Path file = dir.resolve("never.db");
    Engine engine = new Engine(clock, new Applier(clock, d -> {}, new Random(1)), new Redactor());

    try (StateStore readOnly = StateStores.openReadOnly("sqlite:" + file, clock)) {
      Plan plan = engine.plan(List.of(secondary(Policy.SYNC)), readOnly, false).getFirst().plan();
      assertThat(lines(plan)).containsExactly("+ zone0.test", "+ zone1.test", "+ zone2.test");
    }

    assertThat(target.writes.get()).isZero();
    assertThat(target.zones).isEmpty();
    assertThat(Files.exists(file)).isFalse();
  }

  @Test
  void softRunSkipsReadingASourceStillAtTheVersionItsListingWasRememberedUnder() {
    zones(source, 0, 5);
    version = Optional.of("v1");
    apply(secondary(Policy.SYNC), false, false);
    int calls = target.calls();

    ApplyResult again = apply(secondary(Policy.SYNC), false, false);

    assertThat(again.outcome()).isEqualTo(ApplyResult.Outcome.NOTHING_TO_DO);
    assertThat(again.plan().targets().getFirst().existing()).isEqualTo(5);
    assertThat(sourceReads).isEqualTo(1);
    assertThat(target.calls()).isEqualTo(calls);
  }

  @Test
  void aSourceAtANewVersionIsReadAgainAndItsChangesPlanned() {
    zones(source, 0, 5);
    version = Optional.of("v1");
    apply(secondary(Policy.SYNC), false, false);
    source.add("new.test");
    source.remove("zone4.test");
    version = Optional.of("v2");

    ApplyResult result = apply(secondary(Policy.SYNC), false, false);

    assertThat(lines(result.plan())).containsExactly("+ new.test", "- zone4.test");
    assertThat(target.zones).isEqualTo(source);
    assertThat(apply(secondary(Policy.SYNC), false, false).outcome())
        .isEqualTo(ApplyResult.Outcome.NOTHING_TO_DO);
    assertThat(sourceReads).isEqualTo(2);
  }

  @Test
  void aRememberedVersionIsNotTrustedUnderAnotherPolicy() {
    zones(source, 0, 5);
    version = Optional.of("v1");
    apply(secondary(Policy.SYNC), false, false);

    apply(secondary(Policy.ADD_ONLY), false, false);

    assertThat(sourceReads).isEqualTo(2);
  }

  @Test
  void refreshAndADueFullReadReadTheSourceEvenAtARememberedVersion() {
    zones(source, 0, 5);
    version = Optional.of("v1");
    apply(secondary(Policy.SYNC), false, false);

    apply(secondary(Policy.SYNC), false, true);
    clock.advance(Duration.ofHours(25));
    apply(secondary(Policy.SYNC), false, false);

    assertThat(sourceReads).isEqualTo(3);
  }

  @Test
  void aListingWithProblemsIsNotRememberedSoItsNotesShowEveryRun() {
    zones(source, 0, 5);
    problems.add("file 'bad.db' does not load");
    version = Optional.of("v1");
    apply(secondary(Policy.SYNC), false, false);

    ApplyResult again = apply(secondary(Policy.SYNC), false, false);

    assertThat(sourceReads).isEqualTo(2);
    assertThat(again.plan().notes()).anyMatch(note -> note.contains("bad.db"));
  }

  @Test
  void aTargetNotInLineHasTheSourceReadForItsPlan() {
    zones(source, 0, 3);
    version = Optional.of("v1");
    target.failing.add("zone1.test");
    apply(secondary(Policy.SYNC), false, false);
    target.failing.clear();

    ApplyResult second = apply(secondary(Policy.SYNC), false, false);

    assertThat(lines(second.plan())).containsExactly("+ zone1.test");
    assertThat(sourceReads).isEqualTo(2);
  }

  @Test
  void aDryRunPlanRemembersNothing() {
    zones(source, 0, 5);
    version = Optional.of("v1");
    Engine engine =
        new Engine(clock, new Applier(clock, d -> clock.advance(d), new Random(1)), new Redactor());
    engine.plan(List.of(secondary(Policy.SYNC)), state, false);

    assertThat(state.get(new RecordKey("secondary", "main", "meta:source_version"))).isEmpty();
  }

  @Test
  void aZoneFileAddedOrRemovedIsSeenBySoftRunsOverARealFolder() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("zones"));
    for (String zone : List.of("a.test", "b.test")) {
      Files.writeString(folder.resolve(zone + ".db"), "");
    }
    age(folder);
    ConfiguredSecondary secondary =
        new ConfiguredSecondary(
            List.of(
                new SecondaryEntry(
                    "main",
                    new ZoneFolderSource(ZoneFolderSettings.of(folder)),
                    Policy.SYNC,
                    Duration.ofHours(24),
                    GuardPolicy.DEFAULT,
                    List.of(target))));
    apply(secondary, false, false);
    assertThat(state.get(new RecordKey("secondary", "main", "meta:source_version"))).isPresent();

    Files.writeString(folder.resolve("c.test.db"), "");
    assertThat(lines(apply(secondary, false, false).plan())).containsExactly("+ c.test");
    age(folder);
    assertThat(apply(secondary, false, false).outcome())
        .isEqualTo(ApplyResult.Outcome.NOTHING_TO_DO);
    Files.delete(folder.resolve("a.test.db"));
    assertThat(lines(apply(secondary, false, false).plan())).containsExactly("- a.test");

    assertThat(target.zones).containsExactly("b.test", "c.test");
  }

  private static void age(Path folder) throws IOException {
    Instant old = Files.getLastModifiedTime(folder).toInstant().minus(Duration.ofMinutes(5));
    Files.setLastModifiedTime(folder, FileTime.from(old));
  }
}
