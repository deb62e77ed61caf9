package dev.hostkeep.dns.provider.rfc2136;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.dns.record.RecordStore;
import dev.hostkeep.dns.record.RecordStoreContract;
import dev.hostkeep.testkit.BindServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/** Records on a real BIND primary through signed RFC 2136 updates, checked with dig. */
class Rfc2136RecordStoreTest extends RecordStoreContract {
  @TempDir static Path dir;
  static BindServer bind;
  static Rfc2136Client client;

  @BeforeAll
  static void startPrimary() {
    bind =
        BindServer.builder(dir)
            .zone("records.test", Rfc2136ClientTest.zone("records.test"))
            .start();
    client = Rfc2136ClientTest.client(bind.keyName(), bind.keySecret(), bind.port());
  }

  @AfterAll
  static void stopPrimary() {
    if (bind != null) {
      bind.close();
    }
  }

  @Override
  protected RecordStore store() {
    return client;
  }

  @Override
  protected String zone() {
    return "records.test";
  }

  @Override
  protected List<String> served(String name, String type) {
    return Dig.answers(bind.port(), name, type);
  }

  @Override
  protected void putByHand(String name, String type, String value) throws Exception {
    Update update = client.newUpdate(zone());
    update.replace(
        Record.fromString(
            Name.fromString(name + "."), Type.value(type), DClass.IN, 300, value, Name.root));
    client.send(update);
  }

  @Override
  protected void deleteByHand(String name, String type) throws Exception {
    Update update = client.newUpdate(zone());
    update.delete(Name.fromString(name + "."), Type.value(type));
    client.send(update);
  }

  @Test
  void anUpdateSignedWithAWrongKeyIsRefusedAndChangesNothing() throws Exception {
    putByHand(name("guarded"), "A", "198.51.100.50");
    Rfc2136Client wrong =
        Rfc2136ClientTest.client(bind.keyName(), Rfc2136ClientTest.WRONG_SECRET, bind.port());
    var found = client.find(zone(), name("guarded"), "A").getFirst();

    assertThatThrownBy(() -> wrong.update(zone(), found, "198.51.100.51", 600))
        .isInstanceOf(HostkeepException.class)
        .hasMessageContaining("BADSIG")
        .hasMessageNotContaining(Rfc2136ClientTest.WRONG_SECRET);
    assertThat(served(name("guarded"), "A")).containsExactly("198.51.100.50");
  }

  @Test
  void anUnsignedUpdateIsRefused() throws Exception {
    putByHand(name("unsigned"), "A", "198.51.100.60");
    Update update = new Update(Name.fromString(zone() + "."));
    update.replace(
        Record.fromString(
            Name.fromString(name("unsigned") + "."),
            Type.A,
            DClass.IN,
            300,
            "198.51.100.61",
            Name.root));
    var resolver = new org.xbill.DNS.SimpleResolver("127.0.0.1");
    resolver.setPort(bind.port());
    resolver.setTCP(true);

    var response = resolver.send(update);

    assertThat(org.xbill.DNS.Rcode.string(response.getRcode())).isEqualTo("REFUSED");
    assertThat(served(name("unsigned"), "A")).containsExactly("198.51.100.60");
  }
}
