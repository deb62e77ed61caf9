package dev.hostkeep.dns.provider.alidns;

import dev.hostkeep.dns.record.RecordNames;
import dev.hostkeep.dns.record.RecordStore;
import dev.hostkeep.dns.record.RecordStoreContract;
import dev.hostkeep.testkit.FakeAlidns;
import dev.hostkeep.testkit.FakeAlidnsRecord;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The record store contract, with Alidns played by its faithful fake. */
class AlidnsRecordStoreContractTest extends RecordStoreContract {
  static FakeAlidns fake;
  static AlidnsRecordStore store;

  @BeforeAll
  static void start() {
    fake = FakeAlidns.start();
    fake.addZone("records.test");
    store = AlidnsFakes.store(fake, Clock.systemUTC());
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

  @Override
  protected List<String> served(String name, String type) {
    return fake.zone(zone()).records(RecordNames.relative(name, zone()), type).stream()
        .map(FakeAlidnsRecord::value)
        .toList();
  }

  @Override
  protected void putByHand(String name, String type, String value) {
    deleteByHand(name, type);
    fake.zone(zone()).add(RecordNames.relative(name, zone()), type, value, 600);
  }

  @Override
  protected void deleteByHand(String name, String type) {
    fake.zone(zone()).records(RecordNames.relative(name, zone()), type).stream()
        .map(FakeAlidnsRecord::id)
        .forEach(fake::deleteRecord);
  }
}
