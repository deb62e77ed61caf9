package dev.hostkeep.dns.replicate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The rules of ownership, one at a time, on RRsets as planning sees them. */
class ZoneDiffTest {
  static final Scope SCOPE = new Scope(false, List.of(Scope.Exclusion.parse("_acme-challenge*")));

  static RRset a(String name, String... values) {
    return new RRset(name + ".example.test.", "A", 300, List.of(values));
  }

  static ZoneContent zone(RRset... rrsets) {
    TreeMap<String, RRset> map = new TreeMap<>();
    for (RRset rrset : rrsets) {
      map.put(rrset.key(), rrset);
    }
    map.put(
        "example.test. SOA", new RRset("example.test.", "SOA", 300, List.of("ns1. h. 9 1 1 1 1")));
    map.put("example.test. NS", new RRset("example.test.", "NS", 300, List.of("ns1.target.")));
    return new ZoneContent("example.test", 9, map);
  }

  static List<String> lines(ZoneDiff diff) {
    return diff.changes().stream().map(c -> c.action().symbol() + " " + c.key()).toList();
  }

  @Test
  void theSoaTheApexNsAndExcludedNamesAreNeverPlanned() {
    ZoneContent source = zone(a("www", "192.0.2.1"), a("_acme-challenge.www", "192.0.2.9"));

    ZoneDiff diff = ZoneDiff.between(source, Optional.empty(), Set.of(), Policy.SYNC, false, SCOPE);

    assertThat(lines(diff)).containsExactly("+ www.example.test. A");
    assertThat(diff.existing()).isZero();
  }

  @Test
  void onlyOwnedRRsetsAreReplacedOrDeletedAndUpsertOnlyKeepsDroppedOnes() {
    ZoneContent desired = zone(a("www", "192.0.2.2"));
    ZoneContent target = zone(a("www", "192.0.2.1"), a("old", "192.0.2.3"), a("hand", "192.0.2.4"));
    Set<String> owned = Set.of("www.example.test. A", "old.example.test. A");

    ZoneDiff sync =
        ZoneDiff.between(desired, Optional.of(target), owned, Policy.SYNC, false, SCOPE);
    ZoneDiff upsert =
        ZoneDiff.between(desired, Optional.of(target), owned, Policy.UPSERT_ONLY, false, SCOPE);

    assertThat(lines(sync)).containsExactly("- old.example.test. A", "~ www.example.test. A");
    assertThat(sync.ownedAfter()).containsExactly("www.example.test. A");
    assertThat(lines(upsert)).containsExactly("~ www.example.test. A");
    assertThat(upsert.ownedAfter()).containsExactly("old.example.test. A", "www.example.test. A");
  }

  @Test
  void anUnownedConflictIsAProblemUnlessAdoptedAndAnIdenticalOneIsLeftAlone() {
    ZoneContent desired = zone(a("www", "192.0.2.2"), a("same", "192.0.2.5"));
    ZoneContent target = zone(a("www", "192.0.2.1"), a("same", "192.0.2.5"));

    ZoneDiff refused =
        ZoneDiff.between(desired, Optional.of(target), Set.of(), Policy.SYNC, false, SCOPE);
    ZoneDiff adopted =
        ZoneDiff.between(desired, Optional.of(target), Set.of(), Policy.SYNC, true, SCOPE);

    assertThat(refused.changes()).isEmpty();
    assertThat(refused.problems()).singleElement().asString().contains("www.example.test. A");
    assertThat(refused.ownedAfter()).isEmpty();
    assertThat(lines(adopted)).containsExactly("~ www.example.test. A");
    assertThat(adopted.ownedAfter()).containsExactly("same.example.test. A", "www.example.test. A");
  }

  @Test
  void anOwnedRRsetDeletedByHandOnTheTargetIsCreatedAgain() {
    ZoneDiff diff =
        ZoneDiff.between(
            zone(a("www", "192.0.2.1")),
            Optional.of(zone()),
            Set.of("www.example.test. A"),
            Policy.SYNC,
            false,
            SCOPE);

    assertThat(lines(diff)).containsExactly("+ www.example.test. A");
  }

  @Test
  void aTtlChangeAloneIsAReplacement() {
    RRset longer = new RRset("www.example.test.", "A", 3600, List.of("192.0.2.1"));

    ZoneDiff diff =
        ZoneDiff.between(
            zone(longer),
            Optional.of(zone(a("www", "192.0.2.1"))),
            Set.of("www.example.test. A"),
            Policy.SYNC,
            false,
            SCOPE);

    assertThat(diff.changes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.before().ttl()).isEqualTo(300);
              assertThat(c.after().ttl()).isEqualTo(3600);
            });
  }
}
