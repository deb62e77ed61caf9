package dev.hostkeep.dns.replicate;

import dev.hostkeep.testkit.FakeOvh;
import dev.hostkeep.testkit.FakeOvhZone;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;

/** Replication into an OVH DNS zone, through its fake: what counts is what a refresh published. */
class ReplicateOvhTest extends PerRecordReplicationContract {
  final FakeOvh ovh = FakeOvh.start();
  final FakeOvhZone zone = ovh.addZone(ZONE);

  @AfterEach
  void stop() {
    ovh.close();
  }

  @Override
  String provider() throws Exception {
    var credentials = ovh.credentials();
    Path secret = Files.writeString(work.resolve("ovh.secret"), credentials.applicationSecret());
    Path consumer = Files.writeString(work.resolve("ovh.ck"), credentials.consumerKey());
    return "  target:\n    type: ovh\n    endpoint: "
        + ovh.baseUrl()
        + "\n    application_key: "
        + credentials.applicationKey()
        + "\n    application_secret: '${file:"
        + secret
        + "}'\n    consumer_key: '${file:"
        + consumer
        + "}'\n    pace: 1ms\n";
  }

  @Override
  Set<String> served() {
    return zone.published().stream()
        .map(
            r ->
                (r.subDomain().isEmpty() ? "" : r.subDomain() + ".")
                    + ZONE
                    + " "
                    + r.fieldType()
                    + " "
                    + r.ttl()
                    + " "
                    + r.target())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Override
  void seedByHand() {
    zone.seed("by-hand", "A", "203.0.113.5", 600);
    zone.refresh();
  }

  @Override
  void failAfter(int k) {
    ovh.failAfter(k, 400);
  }

  @Override
  int readsBeforeWrites() {
    // the id list and one GET per record, while planning and again before writing (the fake
    // answers the server-time call outside its API, so it is not counted)
    return 2 * (1 + zone.published().size());
  }

  @Override
  String spf() {
    return "\"v=spf1 -all\"";
  }

  @Override
  String cname() {
    return "www.rep.test.";
  }

  @Override
  boolean writesMx() {
    return true;
  }
}
