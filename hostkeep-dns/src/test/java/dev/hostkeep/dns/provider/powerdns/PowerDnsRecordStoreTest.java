package dev.hostkeep.dns.provider.powerdns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostkeep.core.secret.Redactor;
import dev.hostkeep.core.secret.Secret;
import dev.hostkeep.dns.record.DnsRecord;
import dev.hostkeep.dns.record.RecordStore;
import dev.hostkeep.dns.record.RecordStoreContract;
import dev.hostkeep.testkit.PowerDnsServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** Records on a real PowerDNS through its API, checked by asking PowerDNS over DNS. */
class PowerDnsRecordStoreTest extends RecordStoreContract {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static PowerDnsServer pdns;
  static PowerDnsApi api;

  @BeforeAll
  static void start() throws Exception {
    pdns = PowerDnsServer.start(dir);
    api =
        new PowerDnsApi(
            new PowerDnsConfig(
                pdns.apiUrl(),
                Secret.of(pdns.apiKey(), new Redactor()),
                "localhost",
                Duration.ofSeconds(5)));
    call(
        "POST",
        "/zones",
        Map.of(
            "name", "records.test.",
            "kind", "Native",
            "nameservers", List.of("ns1.records.test.")));
  }

  @AfterAll
  static void stop() {
    if (pdns != null) {
      pdns.close();
    }
  }

  @Override
  protected RecordStore store() {
    return api;
  }

  @Override
  protected String zone() {
    return "records.test";
  }

  @Override
  protected List<String> served(String name, String type) throws Exception {
    SimpleResolver resolver = new SimpleResolver("127.0.0.1");
    resolver.setPort(pdns.dnsPort());
    Message query =
        Message.newQuery(
            Record.newRecord(Name.fromString(name + "."), Type.value(type), DClass.IN));
    query.getHeader().unsetFlag(Flags.RD);
    return resolver.send(query).getSection(Section.ANSWER).stream()
        .filter(r -> r.getType() == Type.value(type))
        .map(Record::rdataToString)
        .toList();
  }

  @Override
  protected void putByHand(String name, String type, String value) throws Exception {
    patch(name, type, "REPLACE", List.of(Map.of("content", value, "disabled", false)));
  }

  @Override
  protected void deleteByHand(String name, String type) throws Exception {
    patch(name, type, "DELETE", List.of());
  }

  /** PowerDNS has no prerequisites: a set deleted by hand comes back with the next write. */
  @Override
  @Test
  protected void aRecordDeletedBehindTheStoresBackIsReportedGone() throws Exception {
    DnsRecord created = store().create(zone(), name("gone"), "A", "198.51.100.40", 600);
    deleteByHand(name("gone"), "A");

    store().update(zone(), created, "198.51.100.41", 600);

    assertThat(served(name("gone"), "A")).containsExactly("198.51.100.41");
  }

  private static void patch(
      String name, String type, String change, List<Map<String, Object>> records) throws Exception {
    call(
        "PATCH",
        "/zones/records.test.",
        Map.of(
            "rrsets",
            List.of(
                Map.of(
                    "name", name + ".",
                    "type", type,
                    "ttl", 300,
                    "changetype", change,
                    "records", records))));
  }

  private static void call(String method, String path, Object body) throws Exception {
    PowerDnsServer.Answer answer = pdns.call(method, path, JSON.writeValueAsString(body));
    assertThat(answer.status()).as("%s %s: %s", method, path, answer.body()).isBetween(200, 299);
  }
}
