package dev.hostkeep.dns.replicate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostkeep.testkit.FakeAlidns;
import dev.hostkeep.testkit.FakeAlidnsZone;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Replication into Alidns (Aliyun DNS), through its fake. */
class ReplicateAlidnsTest extends PerRecordReplicationContract {
  final FakeAlidns alidns = FakeAlidns.start();
  final FakeAlidnsZone zone = alidns.addZone(ZONE);

  @AfterEach
  void stop() {
    alidns.close();
  }

  @Override
  String provider() throws Exception {
    Path secret =
        Files.writeString(work.resolve("alidns.secret"), alidns.credentials().accessKeySecret());
    return "  target:\n    type: alidns\n    access_key_id: "
        + alidns.credentials().accessKeyId()
        + "\n    access_key_secret: '${file:"
        + secret
        + "}'\n    endpoint: "
        + alidns.endpoint()
        + "\n";
  }

  @Override
  Set<String> served() {
    return zone.records().stream()
        .map(
            r ->
                (r.rr().equals("@") ? "" : r.rr() + ".")
                    + ZONE
                    + " "
                    + r.type()
                    + " "
                    + r.ttl()
                    + " "
                    + r.value())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Override
  void seedByHand() {
    zone.add("by-hand", "A", "203.0.113.5", 600);
  }

  @Override
  void failAfter(int k) {
    alidns.failAfter(k, 400);
  }

  @Override
  int readsBeforeWrites() {
    return 2; // the list while planning, the list before writing
  }

  @Override
  String spf() {
    return "v=spf1 -all";
  }

  @Test
  void aTtlBelowTheAccountsMinimumIsAskedAsTheMinimumAndStaysInLine() throws Exception {
    java.nio.file.Path file = zones.resolve(ZONE + ".db");
    java.nio.file.Files.writeString(
        file, java.nio.file.Files.readString(file).replace("$TTL 600", "$TTL 300"));

    dev.hostkeep.core.engine.Engine.ApplyResult first = replication().sync();

    assertThat(first.outcome())
        .as(Replication.explain(first))
        .isEqualTo(dev.hostkeep.core.engine.Engine.ApplyResult.Outcome.APPLIED);
    assertThat(served()).contains("www.rep.test A 600 192.0.2.1");
    // Alidns raised 300 to the account's 600; asking 300 again would rewrite it every run
    assertThat(replication().sync().outcome())
        .isEqualTo(dev.hostkeep.core.engine.Engine.ApplyResult.Outcome.NOTHING_TO_DO);
  }
}
