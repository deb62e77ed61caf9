package dev.hostkeep.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.hostkeep.core.ExitCode;
import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.apply.Applier;
import dev.hostkeep.core.apply.ApplyReport;
import dev.hostkeep.core.apply.ChangeOutcome;
import dev.hostkeep.core.apply.TargetExecutor;
import dev.hostkeep.core.capability.ConfiguredCapability;
import dev.hostkeep.core.capability.Providers;
import dev.hostkeep.core.capability.RunContext;
import dev.hostkeep.core.config.HostkeepConfig;
import dev.hostkeep.core.config.LogSettings;
import dev.hostkeep.core.engine.Engine.ApplyResult;
import dev.hostkeep.core.plan.Change;
import dev.hostkeep.core.plan.GuardPolicy;
import dev.hostkeep.core.plan.Plan;
import dev.hostkeep.core.plan.TargetPlan;
import dev.hostkeep.core.secret.Redactor;
import dev.hostkeep.core.state.JournalEntry;
import dev.hostkeep.core.state.JournalEntry.Outcome;
import dev.hostkeep.core.state.LockBusyException;
import dev.hostkeep.core.state.RecordKey;
import dev.hostkeep.core.state.RunLock;
import dev.hostkeep.core.state.RunRecord;
import dev.hostkeep.testkit.FakeClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class EngineTest {
  private static final Set<String> KNOWN = Set.of("secondary", "ddns", "replicate", "backup");
  private static final Engine.ApplyOptions APPLY =
      new Engine.ApplyOptions(false, false, Duration.ZERO);
  private static final Engine.ApplyOptions FORCE =
      new Engine.ApplyOptions(true, false, Duration.ZERO);

  private final FakeClock clock = FakeClock.atEpoch2026();
  private final Redactor redactor = new Redactor();
  private final InMemoryStateStore state = new InMemoryStateStore(clock);
  private final Engine engine =
      new Engine(clock, new Applier(clock, d -> clock.advance(d), new Random(1)), redactor);

  /** A capability whose plan and executor the test decides; it counts what was executed. */
  private static final class FakeCapability implements ConfiguredCapability {
    final String name;
    final Function<RunContext, Plan> planner;
    final List<Change> executed = new CopyOnWriteArrayList<>();
    final Function<Change, RuntimeException> failure;

    FakeCapability(String name, Function<RunContext, Plan> planner) {
      this(name, planner, change -> null);
    }

    FakeCapability(
        String name, Function<RunContext, Plan> planner, Function<Change, RuntimeException> fail) {
      this.name = name;
      this.planner = planner;
      this.failure = fail;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Plan plan(RunContext context) {
      return planner.apply(context);
    }

    @Override
    public TargetExecutor executor(String target, RunContext context) {
      return change -> {
        RuntimeException e = failure.apply(change);
        if (e != null) {
          throw e;
        }
        executed.add(change);
      };
    }
  }

  private static Plan deletions(String capability, int existing, int deletions) {
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < deletions; i++) {
      changes.add(Change.delete("ovh", "zone", "z" + i + ".example", "served", null));
    }
    return new Plan(
        capability,
        List.of(new TargetPlan("ovh", existing, changes, GuardPolicy.DEFAULT)),
        List.of());
  }

  private static Plan creates(String capability, int count) {
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      changes.add(Change.create("ovh", "zone", "z" + i + ".example", "served", null));
    }
    return new Plan(
        capability, List.of(new TargetPlan("ovh", 0, changes, GuardPolicy.DEFAULT)), List.of());
  }

  private static HostkeepConfig config(ConfiguredCapability... capabilities) {
    Map<String, ConfiguredCapability> byName = new LinkedHashMap<>();
    for (ConfiguredCapability capability : capabilities) {
      byName.put(capability.name(), capability);
    }
    return new HostkeepConfig(
        Optional.of(Path.of("/etc/hostkeep/hostkeep.yaml")),
        Optional.empty(),
        GuardPolicy.DEFAULT,
        LogSettings.DEFAULT,
        new Providers(Map.of()),
        byName,
        Map.of(),
        List.of(),
        "{}\n");
  }

  private ApplyResult apply(ConfiguredCapability capability, Engine.ApplyOptions options) {
    return engine.apply(capability, state, options, plan -> true, new Engine.Events() {});
  }

  @Test
  void selectWithAnUnknownNameIsAUsageErrorSuggestingTheClosest() {
    HostkeepConfig config = config(new FakeCapability("secondary", c -> Plan.empty("secondary")));

    assertThatThrownBy(() -> Engine.select(config, List.of("secondry"), KNOWN))
        .isInstanceOf(HostkeepException.class)
        .hasMessage(
            "unknown capability 'secondry' (did you mean 'secondary'?); capabilities: backup,"
                + " ddns, replicate, secondary")
        .extracting(e -> ((HostkeepException) e).exitCode())
        .isEqualTo(ExitCode.USAGE);
  }

  @Test
  void selectWithAKnownButUnconfiguredNameNamesTheConfig() {
    HostkeepConfig config = config(new FakeCapability("secondary", c -> Plan.empty("secondary")));

    assertThatThrownBy(() -> Engine.select(config, List.of("ddns"), KNOWN))
        .hasMessage(
            "'ddns' is not configured in /etc/hostkeep/hostkeep.yaml: add a 'ddns:' section")
        .extracting(e -> ((HostkeepException) e).exitCode().code())
        .isEqualTo(2);
  }

  @Test
  void selectGivesAllConfiguredOrExactlyThoseNamedOnce() {
    FakeCapability secondary = new FakeCapability("secondary", c -> Plan.empty("secondary"));
    FakeCapability ddns = new FakeCapability("ddns", c -> Plan.empty("ddns"));
    HostkeepConfig config = config(secondary, ddns);

    assertThat(Engine.select(config, List.of(), KNOWN)).containsExactly(secondary, ddns);
    assertThat(Engine.select(config, List.of("ddns", "ddns"), KNOWN)).containsExactly(ddns);
  }

  @Test
  void planFailingInOneCapabilityFailsAlone() {
    FakeCapability broken =
        new FakeCapability(
            "ddns",
            c -> {
              throw new HostkeepException("no IP source answered");
            });
    FakeCapability fine = new FakeCapability("secondary", c -> creates("secondary", 2));

    List<Engine.PlanResult> results = engine.plan(List.of(broken, fine), state.readOnly(), false);

    assertThat(results)
        .extracting(Engine.PlanResult::capability, Engine.PlanResult::error)
        .containsExactly(tuple("ddns", "no IP source answered"), tuple("secondary", null));
    assertThat(results.get(1).plan().changes()).hasSize(2);
    assertThat(state.runs()).isEmpty();
    assertThat(state.locks()).isEmpty();
  }

  @Test
  void planHandsTheCapabilityTheReadOnlyState() {
    state.put(new RecordKey("ddns", "office", "ipv4"), "192.0.2.1");
    FakeCapability writer =
        new FakeCapability(
            "ddns",
            c -> {
              assertThat(c.state().get(new RecordKey("ddns", "office", "ipv4"))).isPresent();
              c.state().put(new RecordKey("ddns", "office", "ipv4"), "192.0.2.2");
              return Plan.empty("ddns");
            });

    List<Engine.PlanResult> results = engine.plan(List.of(writer), state.readOnly(), false);

    assertThat(results.getFirst().error()).isEqualTo("state opened read-only");
    assertThat(state.get(new RecordKey("ddns", "office", "ipv4")).orElseThrow().value())
        .isEqualTo("192.0.2.1");
  }

  @Test
  void guardedPlanIsRefusedWithoutForceAndNothingIsExecuted() {
    FakeCapability secondary = new FakeCapability("secondary", c -> deletions("secondary", 10, 5));

    ApplyResult result = apply(secondary, APPLY);

    assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.REFUSED);
    assertThat(result.refusals()).singleElement().asString().contains("5 of 10 items");
    assertThat(secondary.executed).isEmpty();
    assertThat(state.journal(null, 100)).isEmpty();
    assertThat(state.runs())
        .singleElement()
        .satisfies(
            run -> {
              assertThat(run.result()).isEqualTo("refused");
              assertThat(run.finishedAt()).isEqualTo(clock.instant());
              assertThat(run.mode()).isEqualTo("apply");
            });
    assertThat(Engine.exitCode(List.of(result))).isEqualTo(ExitCode.GUARD_REFUSED);
  }

  @Test
  void guardedPlanIsAppliedWithForce() {
    FakeCapability secondary = new FakeCapability("secondary", c -> deletions("secondary", 10, 5));

    ApplyResult result = apply(secondary, FORCE);

    assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.APPLIED);
    assertThat(result.refusals()).hasSize(1);
    assertThat(secondary.executed).hasSize(5);
    assertThat(state.runs())
        .singleElement()
        .extracting(RunRecord::result, RunRecord::applied, RunRecord::failed)
        .containsExactly("applied", 5, 0);
    assertThat(Engine.exitCode(List.of(result))).isEqualTo(ExitCode.OK);
  }

  @Test
  void capabilityWhosePlanThrowsFailsWithItsMessageAndAppliesNothing() {
    FakeCapability broken =
        new FakeCapability(
            "secondary",
            c -> {
              throw new IllegalStateException("zone folder /etc/bind/zones is missing");
            });

    ApplyResult result = apply(broken, FORCE);

    assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.FAILED);
    assertThat(result.error()).isEqualTo("zone folder /etc/bind/zones is missing");
    assertThat(result.plan()).isNull();
    assertThat(broken.executed).isEmpty();
    assertThat(state.runs())
        .singleElement()
        .extracting(RunRecord::result)
        .isEqualTo("failed: zone folder /etc/bind/zones is missing");
    assertThat(Engine.exitCode(List.of(result))).isEqualTo(ExitCode.FAILURE);
  }

  @Test
  void declinedConfirmationExecutesNothing() {
    FakeCapability secondary = new FakeCapability("secondary", c -> creates("secondary", 3));
    List<Plan> asked = new ArrayList<>();

    ApplyResult result =
        engine.apply(
            secondary,
            state,
            APPLY,
            plan -> {
              asked.add(plan);
              return false;
            },
            new Engine.Events() {});

    assertThat(asked).hasSize(1);
    assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.DECLINED);
    assertThat(secondary.executed).isEmpty();
    assertThat(state.journal(null, 100)).isEmpty();
    assertThat(state.runs()).extracting(RunRecord::result).containsExactly("declined");
    assertThat(Engine.exitCode(List.of(result))).isEqualTo(ExitCode.OK);
  }

  @Test
  void emptyPlanIsNothingToDoWithoutAskingOrExecuting() {
    FakeCapability idle = new FakeCapability("ddns", c -> Plan.empty("ddns"));

    ApplyResult result =
        engine.apply(
            idle,
            state,
            APPLY,
            plan -> {
              throw new AssertionError("nothing to confirm");
            },
            new Engine.Events() {});

    assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.NOTHING_TO_DO);
    assertThat(state.runs()).extracting(RunRecord::result).containsExactly("nothing_to_do");
  }

  @Test
  void everyOutcomeIsJournalledAndReported() {
    String secret = "tok-3c1a9e77";
    redactor.register(secret);
    FakeCapability secondary =
        new FakeCapability(
            "secondary",
            c -> creates("secondary", 4),
            change ->
                change.key().equals("z2.example")
                    ? new HostkeepException("401 for token " + secret)
                    : null);
    List<ChangeOutcome> events = new CopyOnWriteArrayList<>();
    List<Plan> planned = new ArrayList<>();

    ApplyResult result =
        engine.apply(
            secondary,
            state,
            APPLY,
            plan -> true,
            new Engine.Events() {
              @Override
              public void planned(Plan plan, List<dev.hostkeep.core.plan.Guard.Refusal> refusals) {
                planned.add(plan);
              }

              @Override
              public void outcome(ChangeOutcome outcome) {
                events.add(outcome);
              }
            });

    assertThat(planned).hasSize(1);
    assertThat(events).hasSize(4);
    List<JournalEntry> journal = state.journal("secondary", 100);
    long runId = state.runs().getFirst().id();
    assertThat(journal)
        .extracting(
            JournalEntry::runId,
            JournalEntry::target,
            JournalEntry::action,
            JournalEntry::key,
            JournalEntry::outcome)
        .containsExactlyInAnyOrder(
            tuple(runId, "ovh", "create", "z0.example", Outcome.APPLIED),
            tuple(runId, "ovh", "create", "z1.example", Outcome.APPLIED),
            tuple(runId, "ovh", "create", "z2.example", Outcome.FAILED),
            tuple(runId, "ovh", "create", "z3.example", Outcome.APPLIED));
    assertThat(journal)
        .filteredOn(e -> e.outcome() == Outcome.FAILED)
        .extracting(JournalEntry::message)
        .containsExactly("401 for token ****");
    assertThat(result.outcome()).isEqualTo(ApplyResult.Outcome.FAILED);
    assertThat(state.runs())
        .singleElement()
        .extracting(RunRecord::result, RunRecord::applied, RunRecord::failed)
        .containsExactly("failed", 3, 1);
    assertThat(Engine.exitCode(List.of(result))).isEqualTo(ExitCode.PARTIAL);
  }

  @Test
  void applyWaitsForTheRunLockAndFailsWhenItStaysBusy() {
    FakeCapability secondary = new FakeCapability("secondary", c -> creates("secondary", 1));

    try (RunLock held = state.lock("secondary", Duration.ZERO)) {
      assertThatThrownBy(() -> apply(secondary, APPLY)).isInstanceOf(LockBusyException.class);
    }

    assertThat(secondary.executed).isEmpty();
    assertThat(apply(secondary, APPLY).outcome()).isEqualTo(ApplyResult.Outcome.APPLIED);
    assertThat(state.locks()).isEmpty();
  }

  @Test
  void runIsFinishedAsFailedWhenTheJournalCannotBeWritten() {
    FakeCapability secondary = new FakeCapability("secondary", c -> creates("secondary", 2));
    state.failRecords(new HostkeepException("cannot write the journal: disk full"));

    assertThatThrownBy(() -> apply(secondary, APPLY))
        .hasMessage("cannot write the journal: disk full");

    assertThat(state.runs())
        .singleElement()
        .satisfies(
            run -> {
              assertThat(run.result()).isEqualTo("failed: cannot write the journal: disk full");
              assertThat(run.finishedAt()).isEqualTo(clock.instant());
            });
    assertThat(state.locks()).isEmpty();
  }

  private static ApplyResult result(ApplyResult.Outcome outcome, Outcome... outcomes) {
    List<ChangeOutcome> list = new ArrayList<>();
    for (Outcome o : outcomes) {
      list.add(new ChangeOutcome(Change.create("t", "zone", "k", "a", null), o, 1, ""));
    }
    ApplyReport report = outcomes.length == 0 ? null : new ApplyReport(list);
    return new ApplyResult("c", outcome, null, List.of(), report, null);
  }

  @Test
  void exitCodePrecedenceIsRefusalThenFailureThenPartialFailure() {
    ApplyResult ok = result(ApplyResult.Outcome.APPLIED, Outcome.APPLIED);
    ApplyResult nothing = result(ApplyResult.Outcome.NOTHING_TO_DO);
    ApplyResult declined = result(ApplyResult.Outcome.DECLINED);
    ApplyResult refused = result(ApplyResult.Outcome.REFUSED);
    ApplyResult failed = result(ApplyResult.Outcome.FAILED, Outcome.FAILED);
    ApplyResult partial = result(ApplyResult.Outcome.FAILED, Outcome.APPLIED, Outcome.FAILED);
    ApplyResult planFailed = result(ApplyResult.Outcome.FAILED);

    assertThat(Engine.exitCode(List.of())).isEqualTo(ExitCode.OK);
    assertThat(Engine.exitCode(List.of(ok, nothing, declined))).isEqualTo(ExitCode.OK);
    assertThat(Engine.exitCode(List.of(ok, refused))).isEqualTo(ExitCode.GUARD_REFUSED);
    assertThat(Engine.exitCode(List.of(refused, failed))).isEqualTo(ExitCode.GUARD_REFUSED);
    assertThat(Engine.exitCode(List.of(partial, refused))).isEqualTo(ExitCode.GUARD_REFUSED);
    assertThat(Engine.exitCode(List.of(planFailed))).isEqualTo(ExitCode.FAILURE);
    assertThat(Engine.exitCode(List.of(failed))).isEqualTo(ExitCode.FAILURE);
    assertThat(Engine.exitCode(List.of(partial))).isEqualTo(ExitCode.PARTIAL);
    assertThat(Engine.exitCode(List.of(ok, failed))).isEqualTo(ExitCode.PARTIAL);
    assertThat(Engine.exitCode(List.of(ok, planFailed))).isEqualTo(ExitCode.PARTIAL);
  }
}
