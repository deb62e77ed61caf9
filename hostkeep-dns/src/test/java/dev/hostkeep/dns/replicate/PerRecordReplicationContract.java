package dev.hostkeep.dns.replicate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostkeep.core.engine.Engine.ApplyResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zone files replicated into a provider that changes one record per call, run against each such
 * provider's faithful fake: the zone arrives, a record someone else made survives, and a failure
 * after any k of the n calls leaves the zone exactly as it was, until the next run completes it.
 */
abstract class PerRecordReplicationContract {
  static final String ZONE = "rep.test";

  @TempDir Path work;
  Path zones;

  /** The {@code providers:} entry named {@code target}, lines indented by two spaces. */
  abstract String provider() throws Exception;

  /** Every record of {@link #ZONE} at the fake as {@code name type ttl value}, provider's form. */
  abstract Set<String> served();

  /** A record made at the provider by hand: {@code by-hand A 203.0.113.5}. */
  abstract void seedByHand();

  /** Lets {@code k} API calls through, then rejects one (HTTP 400). */
  abstract void failAfter(int k);

  /**
   * API calls in a run before the first write: lookups, the list while planning, the list again.
   */
  abstract int readsBeforeWrites();

  /** The provider's form of the TXT data {@code "v=spf1 -all"}. */
  abstract String spf();

  /** The provider's form of the CNAME data {@code www.rep.test.}. */
  String cname() {
    return "www.rep.test";
  }

  /** Whether the provider takes MX records as replication writes them. */
  boolean writesMx() {
    return false;
  }

  @BeforeEach
  void zoneFolder() throws Exception {
    seedByHand();
    zones = Files.createDirectories(work.resolve("zones"));
    write("192.0.2.1", "old A 192.0.2.9\n");
  }

  private void write(String www, String extra) throws Exception {
    Files.writeString(
        zones.resolve(ZONE + ".db"),
        "$ORIGIN rep.test.\n$TTL 600\n@ SOA ns1 root 1 3600 600 86400 600\n@ NS ns1.panel.example.\n"
            + "@ MX 10 mail\n@ TXT \"v=spf1 -all\"\nmail A 192.0.2.25\nwww A "
            + www
            + "\nwww A 198.51.100.7\nshop CNAME www\n"
            + extra);
  }

  Replication replication() throws Exception {
    return new Replication(
        work,
        "providers:\n"
            + provider()
            + "replicate:\n  - name: files\n    from: { zone_dir: '"
            + zones
            + "' }\n    to: target\n    guard: { max_share: 100%, min_changes: 1000 }\n");
  }

  @Test
  void theZoneArrivesAndWhatCannotBeWrittenIsReported() throws Exception {
    ApplyResult result = replication().sync();

    assertThat(result.outcome())
        .as(Replication.explain(result))
        .isEqualTo(ApplyResult.Outcome.APPLIED);
    assertThat(served())
        .contains(
            "by-hand.rep.test A 600 203.0.113.5",
            "rep.test TXT 600 " + spf(),
            "mail.rep.test A 600 192.0.2.25",
            "www.rep.test A 600 192.0.2.1",
            "www.rep.test A 600 198.51.100.7",
            "shop.rep.test CNAME 600 " + cname(),
            "old.rep.test A 600 192.0.2.9");
    if (writesMx()) {
      assertThat(served()).contains("rep.test MX 600 10 mail.rep.test.");
    } else {
      assertThat(served()).noneMatch(r -> r.contains(" MX "));
      assertThat(result.plan().notes()).anySatisfy(n -> assertThat(n).contains("rep.test. MX"));
    }
    assertThat(replication().sync().outcome()).isEqualTo(ApplyResult.Outcome.NOTHING_TO_DO);
  }

  @Test
  void aNewTtlReachesEveryValueAndLosesNone() throws Exception {
    assertThat(replication().sync().outcome()).isEqualTo(ApplyResult.Outcome.APPLIED);
    Files.writeString(
        zones.resolve(ZONE + ".db"),
        Files.readString(zones.resolve(ZONE + ".db"))
            .replace(
                "www A 192.0.2.1\nwww A 198.51.100.7\n",
                "www 1200 A 192.0.2.1\nwww 1200 A 198.51.100.7\n"));

    ApplyResult result = replication().sync();

    assertThat(result.outcome())
        .as(Replication.explain(result))
        .isEqualTo(ApplyResult.Outcome.APPLIED);
    assertThat(served())
        .contains("www.rep.test A 1200 192.0.2.1", "www.rep.test A 1200 198.51.100.7")
        .doesNotContain("www.rep.test A 600 192.0.2.1", "www.rep.test A 600 198.51.100.7");
    assertThat(replication().sync().outcome()).isEqualTo(ApplyResult.Outcome.NOTHING_TO_DO);
  }

  @Test
  void aCnameThatBecomesAnAddressRecordAndBackIsWrittenEachTime() throws Exception {
    assertThat(replication().sync().outcome()).isEqualTo(ApplyResult.Outcome.APPLIED);
    Path file = zones.resolve(ZONE + ".db");
    String withCname = Files.readString(file);
    Files.writeString(file, withCname.replace("shop CNAME www\n", "shop A 192.0.2.50\n"));

    ApplyResult toAddress = replication().sync();

    assertThat(toAddress.outcome())
        .as(Replication.explain(toAddress))
        .isEqualTo(ApplyResult.Outcome.APPLIED);
    assertThat(served())
        .contains("shop.rep.test A 600 192.0.2.50")
        .noneMatch(r -> r.startsWith("shop.rep.test CNAME"));

    Files.writeString(file, withCname);
    ApplyResult back = replication().sync();

    assertThat(back.outcome()).as(Replication.explain(back)).isEqualTo(ApplyResult.Outcome.APPLIED);
    assertThat(served())
        .contains("shop.rep.test CNAME 600 " + cname())
        .noneMatch(r -> r.startsWith("shop.rep.test A"));
  }

  @Test
  void aFailureAfterAnyKOfTheNCallsLeavesTheZoneAsItWas() throws Exception {
    assertThat(replication().sync().outcome()).isEqualTo(ApplyResult.Outcome.APPLIED);
    write("192.0.2.2", "new A 192.0.2.10\nnew A 192.0.2.11\n");
    Set<String> before = served();
    int writes = 5; // create www .2, new .10, new .11; delete www .1, old .9

    for (int k = 0; k < writes; k++) {
      failAfter(readsBeforeWrites() + k);
      ApplyResult failed = replication().sync();

      assertThat(failed.outcome())
          .as("failure after %d writes", k)
          .isEqualTo(ApplyResult.Outcome.FAILED);
      assertThat(failed.report().failures().getFirst().message())
          .contains("call " + (k + 1) + " of " + writes)
          .contains("the " + k + " calls made before it were undone");
      assertThat(served()).as("after a failure at write %d", k + 1).isEqualTo(before);
    }

    ApplyResult done = replication().sync();

    assertThat(done.outcome()).as(Replication.explain(done)).isEqualTo(ApplyResult.Outcome.APPLIED);
    assertThat(served())
        .contains("www.rep.test A 600 192.0.2.2", "new.rep.test A 600 192.0.2.11")
        .doesNotContain("www.rep.test A 600 192.0.2.1", "old.rep.test A 600 192.0.2.9")
        .contains("by-hand.rep.test A 600 203.0.113.5");
  }
}
