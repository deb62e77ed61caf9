package dev.hostkeep.dns.provider.cloudflare;

import dev.hostkeep.core.secret.Redactor;
import dev.hostkeep.core.secret.Secret;
import dev.hostkeep.dns.record.RecordStore;
import dev.hostkeep.dns.record.RecordStoreContract;
import dev.hostkeep.testkit.FakeClock;
import dev.hostkeep.testkit.FakeCloudflare;
import dev.hostkeep.testkit.FakeCloudflareZone;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The record store contract, with Cloudflare played by its faithful fake. */
class CloudflareRecordStoreContractTest extends RecordStoreContract {
  static FakeCloudflare fake;
  static CloudflareRecordStore store;

  @BeforeAll
  static void start() {
    fake = FakeCloudflare.start();
    fake.addZone("records.test");
    store =
        CloudflareRecordStore.open(
            CloudflareSettings.of(Secret.of(fake.token(), new Redactor()))
                .withEndpoint(fake.baseUrl())
                .withTimeout(Duration.ofSeconds(5)),
            FakeClock.atEpoch2026());
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

  private List<FakeCloudflareZone.Record> records(String name, String type) {
    return fake.zone(zone()).records().stream()
        .filter(r -> r.name().equals(name) && r.type().equals(type))
        .toList();
  }

  @Override
  protected List<String> served(String name, String type) {
    return records(name, type).stream().map(FakeCloudflareZone.Record::content).toList();
  }

  @Override
  protected void putByHand(String name, String type, String value) {
    deleteByHand(name, type);
    fake.zone(zone()).seed(name, type, value, 300, false);
  }

  @Override
  protected void deleteByHand(String name, String type) {
    records(name, type).forEach(r -> fake.zone(zone()).delete(r.id()));
  }
}
