package dev.hostkeep.dns.replicate;

import dev.hostkeep.testkit.FakeCloudflare;
import dev.hostkeep.testkit.FakeCloudflareZone;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;

/** Replication into Cloudflare, through its fake. */
class ReplicateCloudflareTest extends PerRecordReplicationContract {
  final FakeCloudflare cloudflare = FakeCloudflare.start();
  final FakeCloudflareZone zone = cloudflare.addZone(ZONE);

  @AfterEach
  void stop() {
    cloudflare.close();
  }

  @Override
  String provider() throws Exception {
    Path token = Files.writeString(work.resolve("cf.token"), cloudflare.token());
    return "  target:\n    type: cloudflare\n    api_token: '${file:"
        + token
        + "}'\n    endpoint: "
        + cloudflare.baseUrl()
        + "\n";
  }

  @Override
  Set<String> served() {
    return zone.records().stream()
        .map(r -> r.name() + " " + r.type() + " " + r.ttl() + " " + r.content())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Override
  void seedByHand() {
    zone.seed("by-hand", "A", "203.0.113.5", 600, false);
  }

  @Override
  void failAfter(int k) {
    cloudflare.failAfter(k, 400);
  }

  @Override
  int readsBeforeWrites() {
    return 3; // the zone id, the list while planning, the list before writing
  }

  @Override
  String spf() {
    return "\"v=spf1 -all\"";
  }
}
