package dev.hostkeep.dns.replicate;

import dev.hostkeep.testkit.FakeAlidns;
import dev.hostkeep.testkit.FakeAlidnsZone;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;

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
}
