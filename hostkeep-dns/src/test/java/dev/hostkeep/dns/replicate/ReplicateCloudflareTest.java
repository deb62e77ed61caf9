package dev.hostkeep.dns.replicate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostkeep.core.engine.Engine.ApplyResult;
import dev.hostkeep.testkit.FakeCloudflare;
import dev.hostkeep.testkit.FakeCloudflareZone;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zone files replicated into Cloudflare (its faithful fake), a provider that changes one record per
 * call: a failure after any k of the n calls leaves the zone exactly as it was, and the next run
 * completes the job.
 */
class ReplicateCloudflareTest {
  @TempDir Path work;
  FakeCloudflare cloudflare;
  FakeCloudflareZone zone;
  Path zones;

  @BeforeEach
  void start() throws Exception {
    cloudflare = FakeCloudflare.start();
    zone = cloudflare.addZone("cf.test");
    zone.seed("@", "NS", "ada.ns.cloudflare.com", 86400, false);
    zone.seed("by-hand", "A", "203.0.113.5", 300, false);
    zones = Files.createDirectories(work.resolve("zones"));
    write("192.0.2.1", "old A 192.0.2.9\n");
  }

  @AfterEach
  void stop() {
    cloudflare.close();
  }

  private void write(String www, String extra) throws Exception {
    Files.writeString(
        zones.resolve("cf.test.db"),
        "$ORIGIN cf.test.\n$TTL 300\n@ SOA ns1 root 1 3600 600 86400 300\n@ NS ns1.panel.example.\n"
            + "@ MX 10 mail\n@ TXT \"v=spf1 -all\"\nmail A 192.0.2.25\nwww A "
            + www
            + "\nwww A 198.51.100.7\nshop CNAME www\n"
            + extra);
  }

  private Replication replication() throws Exception {
    Path token = work.resolve("cf.token");
    Files.writeString(token, cloudflare.token());
    return new Replication(
        work,
        "providers:\n  cf:\n    type: cloudflare\n    api_token: '${file:"
            + token
            + "}'\n    endpoint: "
            + cloudflare.baseUrl()
            + "\nreplicate:\n  - name: files\n    from: { zone_dir: '"
            + zones
            + "' }\n    to: cf\n    guard: { max_share: 100%, min_changes: 1000 }\n");
  }

  private Set<String> served() {
    return zone.records().stream()
        .map(r -> r.name() + " " + r.type() + " " + r.ttl() + " " + r.content())
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  @Test
  void theZoneIsReplicatedAndMxIsReportedAsNotWritable() throws Exception {
    ApplyResult result = replication().sync();

    assertThat(result.outcome())
        .as(Replication.explain(result))
        .isEqualTo(ApplyResult.Outcome.APPLIED);
    assertThat(served())
        .containsExactlyInAnyOrder(
            "cf.test NS 86400 ada.ns.cloudflare.com",
            "by-hand.cf.test A 300 203.0.113.5",
            "cf.test TXT 300 \"v=spf1 -all\"",
            "mail.cf.test A 300 192.0.2.25",
            "www.cf.test A 300 192.0.2.1",
            "www.cf.test A 300 198.51.100.7",
            "shop.cf.test CNAME 300 www.cf.test",
            "old.cf.test A 300 192.0.2.9");
    assertThat(result.plan().notes()).anySatisfy(n -> assertThat(n).contains("cf.test. MX"));
    assertThat(replication().sync().outcome()).isEqualTo(ApplyResult.Outcome.NOTHING_TO_DO);
  }

  @Test
  void aFailureAfterAnyKOfTheNCallsLeavesTheZoneAsItWas() throws Exception {
    assertThat(replication().sync().outcome()).isEqualTo(ApplyResult.Outcome.APPLIED);
    write("192.0.2.2", "new A 192.0.2.10\nnew A 192.0.2.11\n");
    Set<String> before = served();
    // zone id lookup, the list while planning, the list before writing: then the writes
    int reads = 3;
    int writes = 5; // create www .2, new .10, new .11; delete www .1, old

    for (int k = 0; k < writes; k++) {
      cloudflare.failAfter(reads + k, 400);
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
        .contains("www.cf.test A 300 192.0.2.2", "new.cf.test A 300 192.0.2.11")
        .doesNotContain("www.cf.test A 300 192.0.2.1", "old.cf.test A 300 192.0.2.9")
        .contains("by-hand.cf.test A 300 203.0.113.5");
  }
}
