package dev.hostkeep.dns.provider.ovh;

import dev.hostkeep.dns.record.RecordNames;
import dev.hostkeep.dns.record.RecordStore;
import dev.hostkeep.dns.record.RecordStoreContract;
import dev.hostkeep.testkit.FakeOvh;
import dev.hostkeep.testkit.FakeOvhZone;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The record store contract, with OVH's zone API played by its faithful fake. */
class OvhRecordStoreContractTest extends RecordStoreContract {
  static FakeOvh fake;
  static RecordStore store;

  @BeforeAll
  static void start() {
    fake = FakeOvh.start();
    fake.addZone("records.test");
    store = OvhAccount.open(OvhFakes.settings(fake), Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  @Override
  protected RecordStore store() {
    return store;
  }

  @Override
  protected String zone() {
    return "records.test";
  }

  private List<FakeOvhZone.Record> records(String name, String type, boolean published) {
    String sub = RecordNames.relative(name, zone());
    String subDomain = sub.equals("@") ? "" : sub;
    FakeOvhZone zone = fake.zone(zone());
    return (published ? zone.published() : zone.staged())
        .stream()
            .filter(r -> r.subDomain().equals(subDomain) && r.fieldType().equals(type))
            .toList();
  }

  /** What the zone publishes: a change only counts once the store refreshed the zone. */
  @Override
  protected List<String> served(String name, String type) {
    return records(name, type, true).stream().map(FakeOvhZone.Record::target).toList();
  }

  @Override
  protected void putByHand(String name, String type, String value) {
    deleteByHand(name, type);
    String sub = RecordNames.relative(name, zone());
    fake.zone(zone()).seed(sub.equals("@") ? "" : sub, type, value, 300);
  }

  @Override
  protected void deleteByHand(String name, String type) {
    records(name, type, false).forEach(r -> fake.zone(zone()).delete(r.id()));
    fake.zone(zone()).refresh();
  }
}
