package dev.hostkeep.dns.provider.rfc2136;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.testkit.BindServer;
import java.net.InetAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Update;

/** Signed, once-encoded UPDATE messages over one TCP connection to a real BIND primary. */
class UpdateConnectionTest {
  @TempDir static Path dir;
  static BindServer bind;
  static Rfc2136Client client;

  @BeforeAll
  static void startPrimary() {
    bind =
        BindServer.builder(dir)
            .zone("example.test", Rfc2136ClientTest.zone("example.test"))
            .start();
    client = Rfc2136ClientTest.client(bind.keyName(), bind.keySecret(), bind.port());
  }

  @AfterAll
  static void stopPrimary() {
    if (bind != null) {
      bind.close();
    }
  }

  @Test
  void severalMessagesOverOneConnectionAreAllApplied() throws Exception {
    try (UpdateConnection connection = client.connect()) {
      connection.write(client.sign(addA("c0", "192.0.2.100")));
      for (int i = 1; i < 5; i++) {
        SignedMessage next = client.sign(addA("c" + i, "192.0.2.10" + i));
        connection.awaitApplied();
        connection.write(next);
      }
      connection.awaitApplied();
      connection.send(client.sign(addA("c5", "192.0.2.105")));
    }

    for (int i = 0; i <= 5; i++) {
      assertThat(Dig.answers(bind.port(), "c" + i + ".example.test", "A"))
          .containsExactly("192.0.2.10" + i);
    }
  }

  @Test
  void aSignedMessageIsAsLargeAsTheSizeTheClientCountsLessTheResolversOpt() throws Exception {
    Update update = addA("sized", "192.0.2.50");

    SignedMessage signed = client.sign(update);

    assertThat(signed.size()).isLessThanOrEqualTo(client.signedSize(update));
    assertThat(signed.wire())
        .hasSize(
            update.toWire().length
                + signed.signature().toWire(org.xbill.DNS.Section.ADDITIONAL).length);
  }

  @Test
  void aFailedMessageSaysWhyAndTheConnectionCarriesOn() throws Exception {
    Update clash = client.newUpdate("example.test");
    Name www = Name.fromString("www.example.test.");
    clash.absent(www); // www exists, so this must fail
    clash.add(new ARecord(www, DClass.IN, 300, InetAddress.getByName("192.0.2.99")));

    try (UpdateConnection connection = client.connect()) {
      assertThatThrownBy(() -> connection.send(client.sign(clash)))
          .isInstanceOfSatisfying(HostkeepException.class, e -> assertThat(e.retriable()).isFalse())
          .hasMessageContaining("prerequisite failed (YXDOMAIN)");
      connection.send(client.sign(addA("after", "192.0.2.60")));
    }

    assertThat(Dig.answers(bind.port(), "after.example.test", "A")).containsExactly("192.0.2.60");
  }

  @Test
  void aWrongSecretIsBadsigWithoutTheSecret() throws Exception {
    Rfc2136Client wrong =
        Rfc2136ClientTest.client(bind.keyName(), Rfc2136ClientTest.WRONG_SECRET, bind.port());

    try (UpdateConnection connection = wrong.connect()) {
      assertThatThrownBy(() -> connection.send(wrong.sign(addA("bad", "192.0.2.70"))))
          .isInstanceOfSatisfying(HostkeepException.class, e -> assertThat(e.retriable()).isFalse())
          .hasMessageContaining("BADSIG")
          .hasMessageContaining(bind.keyName())
          .message()
          .doesNotContain(Rfc2136ClientTest.WRONG_SECRET);
    }
    assertThat(Dig.answers(bind.port(), "bad.example.test", "A")).isEmpty();
  }

  private static Update addA(String label, String address) throws Exception {
    Update update = client.newUpdate("example.test");
    update.add(
        new ARecord(
            Name.fromString(label + ".example.test."),
            DClass.IN,
            300,
            InetAddress.getByName(address)));
    return update;
  }
}
