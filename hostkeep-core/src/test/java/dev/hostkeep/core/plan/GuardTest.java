package dev.hostkeep.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuardTest {
  private static List<Change> changes(Action action, int count) {
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String key = action.name().toLowerCase() + i + ".example.com";
      changes.add(new Change("ovh", action, "zone", key, "before", "after", null));
    }
    return changes;
  }

  private static List<Guard.Refusal> check(int existing, List<Change> changes) {
    return check(existing, changes, GuardPolicy.DEFAULT);
  }

  private static List<Guard.Refusal> check(int existing, List<Change> changes, GuardPolicy policy) {
    TargetPlan target = new TargetPlan("ovh", existing, changes, policy);
    return Guard.check(new Plan("secondary", List.of(target), List.of()));
  }

  @Test
  void defaultPolicyIsTenPercentAndAtLeastThreeItems() {
    assertThat(GuardPolicy.DEFAULT).isEqualTo(new GuardPolicy(0.10, 3));
  }

  @Test
  void threeDeletionsOfTenAreRefused() {
    assertThat(check(10, changes(Action.DELETE, 3)))
        .extracting(Guard.Refusal::toString)
        .containsExactly(
            "secondary → ovh: this would delete or rewrite 3 of 10 items (30 %, more than the 10 %"
                + " allowed); check the source, then use --force if it is right");
  }

  @Test
  void twoDeletionsOfTenAreAllowedBecauseBelowTheMinimum() {
    assertThat(check(10, changes(Action.DELETE, 2))).isEmpty();
  }

  @Test
  void oneDeletionOfFiveIsAllowedThoughItIsTwentyPercent() {
    assertThat(check(5, changes(Action.DELETE, 1))).isEmpty();
  }

  @Test
  void exactlyTheAllowedShareIsAllowed() {
    assertThat(check(30, changes(Action.DELETE, 3))).isEmpty();
    assertThat(check(30, changes(Action.DELETE, 4))).hasSize(1);
  }

  @Test
  void updatesCountAsRewrites() {
    List<Change> mixed = new ArrayList<>(changes(Action.UPDATE, 2));
    mixed.addAll(changes(Action.DELETE, 1));

    assertThat(check(10, changes(Action.UPDATE, 3))).hasSize(1);
    assertThat(check(10, mixed)).hasSize(1);
  }

  @Test
  void emptyingANonEmptyTargetIsAlwaysRefused() {
    assertThat(check(1, changes(Action.DELETE, 1)))
        .extracting(Guard.Refusal::reason)
        .containsExactly(
            "this would empty the target (all 1 items deleted, nothing left); if that is really"
                + " wanted, use --force");
    assertThat(check(2, changes(Action.DELETE, 2), new GuardPolicy(1.0, 1000))).hasSize(1);
  }

  @Test
  void createsOnlyAreNeverRefused() {
    assertThat(check(0, changes(Action.CREATE, 500))).isEmpty();
    assertThat(check(10, changes(Action.CREATE, 500))).isEmpty();
  }

  @Test
  void deletionsReplacedByAsManyCreatesStillCountAsDestructive() {
    List<Change> replace = new ArrayList<>(changes(Action.DELETE, 10));
    replace.addAll(changes(Action.CREATE, 10));

    assertThat(check(10, replace))
        .extracting(Guard.Refusal::reason)
        .singleElement()
        .asString()
        .contains("10 of 10 items (100 %");
  }

  @Test
  void eachTargetIsJudgedOnItsOwn() {
    TargetPlan bad = new TargetPlan("ovh", 10, changes(Action.DELETE, 5), GuardPolicy.DEFAULT);
    TargetPlan fine =
        new TargetPlan(
            "pdns",
            10,
            List.of(Change.delete("pdns", "zone", "a.example", "x", null)),
            GuardPolicy.DEFAULT);

    assertThat(Guard.check(new Plan("secondary", List.of(bad, fine), List.of())))
        .extracting(Guard.Refusal::target)
        .containsExactly("ovh");
  }

  @Test
  void policyRejectsNonsense() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new GuardPolicy(1.5, 3))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new GuardPolicy(0.1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
