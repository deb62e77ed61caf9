package dev.hostkeep.dns.provider.rfc2136;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.secret.Redactor;
import dev.hostkeep.core.secret.Secret;
import dev.hostkeep.testkit.BindServer;
import dev.hostkeep.testkit.FreePorts;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/** The RFC 2136 client against a real BIND primary that takes TSIG-signed updates. */
class Rfc2136ClientTest {
  static final String WRONG_SECRET = Base64.getEncoder().encodeToString(new byte[32]);

  @TempDir static Path dir;
  static BindServer bind;
  static Rfc2136Client client;

  @BeforeAll
  static void startPrimary() {
    bind = BindServer.builder(dir).zone("example.test", zone("example.test")).start();
    client = client(bind.keyName(), bind.keySecret(), bind.port());
  }

  @AfterAll
  static void stopPrimary() {
    if (bind != null) {
      bind.close();
    }
  }

  @Test
  void addsAndDeletesARecordThePrimaryThenServes() throws Exception {
    Name www2 = Name.fromString("www2.example.test.");
    Update add = client.newUpdate("example.test");
    add.absent(www2); // prerequisite: the name is not in use yet
    add.add(new ARecord(www2, DClass.IN, 300, java.net.InetAddress.getByName("192.0.2.77")));
    client.send(add);

    assertThat(Dig.answers(bind.port(), "www2.example.test", "A")).containsExactly("192.0.2.77");

    Update delete = client.newUpdate("example.test");
    delete.delete(www2, Type.A);
    client.send(delete);

    assertThat(Dig.answers(bind.port(), "www2.example.test", "A")).isEmpty();
  }

  @Test
  void aMessageWhoseSignedSizeIsTheLimitIsSentWhole() throws Exception {
    Update update = client.newUpdate("example.test");
    int padding = 0;
    while (client.signedSize(update) + 2 * 280 <= Rfc2136Client.MAX_MESSAGE_SIZE) {
      Name name = Name.fromString("p%04d.example.test.".formatted(padding++));
      update.add(new TXTRecord(name, DClass.IN, 300, "a".repeat(255)));
    }
    Name last = Name.fromString("last.example.test.");
    int rdata = Rfc2136Client.MAX_MESSAGE_SIZE - client.signedSize(update) - (1 + 4 + 2) - 10;
    List<String> rest = new ArrayList<>();
    for (char c = 'b'; rdata > 0; c++) {
      int length = Math.min(255, rdata - 1);
      rest.add(String.valueOf(c).repeat(length));
      rdata -= length + 1;
    }
    update.add(new TXTRecord(last, DClass.IN, 300, rest));
    assertThat(client.signedSize(update)).isEqualTo(Rfc2136Client.MAX_MESSAGE_SIZE);

    client.send(
        update); // failed while the size left out the EDNS OPT record and the limit was 65,535

    assertThat(client.transfer("example.test").stream().filter(TXTRecord.class::isInstance))
        .hasSizeGreaterThanOrEqualTo(padding + 1);
  }

  @Test
  void aFailedPrerequisiteChangesNothingAndSaysSo() throws Exception {
    Name www = Name.fromString("www.example.test.");
    Update update = client.newUpdate("example.test");
    update.absent(www); // www exists, so this must fail
    update.add(new ARecord(www, DClass.IN, 300, java.net.InetAddress.getByName("192.0.2.99")));

    assertThatThrownBy(() -> client.send(update))
        .isInstanceOfSatisfying(HostkeepException.class, e -> assertThat(e.retriable()).isFalse())
        .hasMessageContaining("prerequisite failed (YXDOMAIN)");
    assertThat(Dig.answers(bind.port(), "www.example.test", "A")).containsExactly("192.0.2.10");
  }

  @Test
  void publishesAwaitsAndWithdrawsAnOwnercheckToken() {
    client.publish("example.test", "token-123");
    client.awaitServed("example.test", "token-123", Duration.ofSeconds(5));

    assertThat(Dig.answers(bind.port(), "ownercheck.example.test", "TXT"))
        .containsExactly("\"token-123\"");

    client.withdraw("example.test");

    assertThat(Dig.answers(bind.port(), "ownercheck.example.test", "TXT")).isEmpty();
    assertThat(client.lookupTxt("ownercheck.example.test")).isEmpty();
  }

  @Test
  void awaitingATokenThatNeverComesFailsRetriablyAtTheDeadline() {
    assertThatThrownBy(
            () -> client.awaitServed("example.test", "never-published", Duration.ofMillis(300)))
        .isInstanceOfSatisfying(HostkeepException.class, e -> assertThat(e.retriable()).isTrue())
        .hasMessageContaining("ownercheck.example.test");
  }

  @Test
  void transfersTheZoneWithTheKey() {
    assertThat(client.transfer("example.test"))
        .extracting(r -> r.getName().toString() + " " + Type.string(r.getType()))
        .startsWith("example.test. SOA")
        .contains("www.example.test. A")
        .doesNotHaveDuplicates();
  }

  @Test
  void aWrongSecretIsAClearFinalErrorWithoutTheSecret() {
    Rfc2136Client wrong = client(bind.keyName(), WRONG_SECRET, bind.port());

    assertThatThrownBy(() -> wrong.publishTxt("example.test", "x", "y"))
        .isInstanceOfSatisfying(HostkeepException.class, e -> assertThat(e.retriable()).isFalse())
        .hasMessageContaining("BADSIG")
        .hasMessageContaining("example.test")
        .hasMessageContaining("127.0.0.1:" + bind.port())
        .hasMessageContaining(bind.keyName())
        .message()
        .doesNotContain(WRONG_SECRET)
        .doesNotContain(bind.keySecret());
  }

  @Test
  void aKeyNameTheServerDoesNotKnowIsBadkey() {
    Rfc2136Client unknown = client("no-such-key", bind.keySecret(), bind.port());

    assertThatThrownBy(() -> unknown.publishTxt("example.test", "x", "y"))
        .isInstanceOfSatisfying(HostkeepException.class, e -> assertThat(e.retriable()).isFalse())
        .hasMessageContaining("BADKEY")
        .hasMessageContaining("no-such-key")
        .message()
        .doesNotContain(bind.keySecret());
  }

  @Test
  void aZoneTheServerDoesNotServeIsRefusedOrNotauth() {
    assertThatThrownBy(() -> client.publishTxt("other.test", "x", "y"))
        .isInstanceOfSatisfying(HostkeepException.class, e -> assertThat(e.retriable()).isFalse())
        .hasMessageContaining("other.test")
        .hasMessageMatching("(?s).*(REFUSED|NOTAUTH).*");
  }

  @Test
  void aTransferWithAWrongKeyFailsClearly() {
    Rfc2136Client wrong = client(bind.keyName(), WRONG_SECRET, bind.port());

    assertThatThrownBy(() -> wrong.transfer("example.test"))
        .isInstanceOfSatisfying(HostkeepException.class, e -> assertThat(e.retriable()).isFalse())
        .hasMessageContaining("transfer of zone example.test")
        .message()
        .doesNotContain(WRONG_SECRET);
  }

  @Test
  void nobodyListeningIsRetriable() {
    Rfc2136Client nowhere = client(bind.keyName(), bind.keySecret(), FreePorts.next());

    assertThatThrownBy(() -> nowhere.publishTxt("example.test", "x", "y"))
        .isInstanceOfSatisfying(HostkeepException.class, e -> assertThat(e.retriable()).isTrue())
        .hasMessageContaining("update of zone example.test on 127.0.0.1:");
  }

  @Test
  void anUnsignedNoerrorIsNotTrusted() throws Exception {
    try (ServerSocket impostor = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual().start(() -> answerUnsigned(impostor));
      Rfc2136Client fooled = client(bind.keyName(), bind.keySecret(), impostor.getLocalPort());

      assertThatThrownBy(() -> fooled.publishTxt("example.test", "x", "y"))
          .isInstanceOfSatisfying(HostkeepException.class, e -> assertThat(e.retriable()).isFalse())
          .hasMessageContaining("not signed");
    }
  }

  // Answers one update with a bare NOERROR, as something that is not the primary might.
  private static void answerUnsigned(ServerSocket server) {
    try (Socket socket = server.accept()) {
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] query = new byte[in.readUnsignedShort()];
      in.readFully(query);
      Message request = new Message(query);
      Message response = new Message(request.getHeader().getID());
      response.getHeader().setFlag(Flags.QR);
      response.getHeader().setOpcode(request.getHeader().getOpcode());
      response.addRecord(request.getQuestion(), Section.ZONE);
      byte[] wire = response.toWire();
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      out.writeShort(wire.length);
      out.write(wire);
      out.flush();
    } catch (IOException e) {
      // the client gave up; the assertion tells the story
    }
  }

  static Rfc2136Client client(String keyName, String secret, int port) {
    return new Rfc2136Client(
        new Rfc2136Config(
            "127.0.0.1",
            port,
            keyName,
            "hmac-sha256",
            Secret.of(secret, new Redactor()),
            Duration.ofSeconds(3)));
  }

  static String zone(String origin) {
    return """
        $ORIGIN %s.
        $TTL 300
        @    SOA ns1 hostmaster 1 3600 600 86400 300
        @    NS  ns1
        ns1  A   192.0.2.1
        www  A   192.0.2.10
        """
        .formatted(origin);
  }
}
