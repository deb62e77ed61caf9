package dev.hostkeep.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BindServerTest {
  static final String ZONE =
      """
      $ORIGIN example.test.
      $TTL 300
      @    SOA ns1 hostmaster 2026010101 3600 600 86400 300
      @    NS  ns1
      ns1  A   192.0.2.1
      www  A   192.0.2.10
      """;

  @TempDir static Path dir;
  static DatagramSocket notifyReceiver;
  static BindServer bind;

  @BeforeAll
  static void startBind() throws Exception {
    notifyReceiver = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    notifyReceiver.setSoTimeout(10_000);
    bind =
        BindServer.builder(dir)
            .zone("example.test", ZONE)
            .notify("example.test", notifyReceiver.getLocalPort())
            .start();
  }

  @AfterAll
  static void stopBind() {
    if (bind != null) {
      bind.close();
    }
    if (notifyReceiver != null) {
      notifyReceiver.close();
    }
  }

  @Test
  void servesTheSoaAndRecordsOfTheLoadedZone() {
    // The serial is not checked: an update test in this class may have bumped it.
    assertThat(Dig.answers(bind.port(), "example.test", "SOA"))
        .singleElement()
        .asString()
        .startsWith("ns1.example.test. hostmaster.example.test. 202601010")
        .endsWith(" 3600 600 86400 300");
    assertThat(Dig.answers(bind.port(), "www.example.test", "A")).containsExactly("192.0.2.10");
  }

  @Test
  void appliesATsigSignedUpdate() {
    ExternalCommand.Result result =
        nsupdate(bind.tsigKey(), "signed.example.test 300 A 192.0.2.77");

    assertThat(result.ok()).as(result.describe()).isTrue();
    assertThat(Dig.answers(bind.port(), "signed.example.test", "A")).containsExactly("192.0.2.77");
  }

  @Test
  void sendsNotifyForTheZoneToTheConfiguredReceiver() throws Exception {
    byte[] buffer = new byte[512];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);

    notifyReceiver.receive(packet);

    int opcode = (buffer[2] >> 3) & 0x0f;
    assertThat(opcode).as("DNS opcode (4 = NOTIFY)").isEqualTo(4);
    assertThat(questionName(buffer)).isEqualTo("example.test");
  }

  @Test
  void refusesAnUnsignedUpdate() {
    ExternalCommand.Result result = nsupdate(null, "unsigned.example.test 300 A 192.0.2.66");

    assertThat(result.ok()).isFalse();
    assertThat(result.stdout() + result.stderr()).contains("REFUSED");
    assertThat(Dig.answers(bind.port(), "unsigned.example.test", "A")).isEmpty();
  }

  @Test
  void exposesTheGeneratedKey() {
    assertThat(bind.keyAlgorithm()).isEqualTo("hmac-sha256");
    assertThat(bind.keyName()).isEqualTo("hostkeep-key");
    assertThat(Base64.getDecoder().decode(bind.keySecret())).hasSize(32);
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void closeStopsTheProcessAndFreesThePort() {
    long pid = bind.pid();

    bind.close();

    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(ServerProcess.tcpOpen(bind.port())).isFalse();
  }

  static ExternalCommand.Result nsupdate(TsigKey key, String record) {
    String nsupdate = Binaries.require("nsupdate").toString();
    List<String> command =
        key == null ? List.of(nsupdate) : List.of(nsupdate, "-y", key.asAlgorithmNameSecret());
    String script =
        "server 127.0.0.1 %d\nzone example.test\nupdate add %s\nsend\n"
            .formatted(bind.port(), record);
    return ExternalCommand.run(dir, command, script);
  }

  static String questionName(byte[] message) {
    StringBuilder name = new StringBuilder();
    for (int at = 12; message[at] != 0; at += message[at] + 1) {
      name.append(name.isEmpty() ? "" : ".").append(new String(message, at + 1, message[at]));
    }
    return name.toString();
  }
}
