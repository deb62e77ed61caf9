package dev.hostkeep.dns.replicate;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The NOTIFY listener answers as a secondary would, over the network, and hands on only what it
 * should.
 */
class NotifyListenerTest {
  private final List<String> notified = new CopyOnWriteArrayList<>();

  private static Message notify(String zone) throws Exception {
    Message message =
        Message.newQuery(Record.newRecord(Name.fromString(zone + "."), Type.SOA, DClass.IN));
    message.getHeader().setOpcode(Opcode.NOTIFY);
    message.getHeader().unsetFlag(Flags.RD);
    return message;
  }

  private Message send(NotifyListener listener, Message message, boolean tcp) throws Exception {
    SimpleResolver resolver = new SimpleResolver("127.0.0.1");
    resolver.setPort(listener.port());
    resolver.setTCP(tcp);
    return resolver.send(message);
  }

  @Test
  void aNotifyForAReplicatedZoneIsAnsweredAuthoritativelyOverUdpAndTcp() throws Exception {
    try (NotifyListener listener =
        NotifyListener.start(
            "127.0.0.1", 0, Set.of("example.test"), List.of("127.0.0.1"), notified::add)) {
      Message udp = send(listener, notify("Example.Test"), false);
      Message tcp = send(listener, notify("example.test"), true);

      for (Message answer : List.of(udp, tcp)) {
        assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(answer.getHeader().getOpcode()).isEqualTo(Opcode.NOTIFY);
        assertThat(answer.getHeader().getFlag(Flags.AA)).isTrue();
      }
      assertThat(notified).containsExactly("example.test", "example.test");
    }
  }

  @Test
  void otherZonesOtherSendersAndOtherOpcodesAreTurnedAway() throws Exception {
    try (NotifyListener fromElsewhere =
            NotifyListener.start(
                "127.0.0.1", 0, Set.of("example.test"), List.of("192.0.2.1"), notified::add);
        NotifyListener listener =
            NotifyListener.start(
                "127.0.0.1", 0, Set.of("example.test"), List.of("127.0.0.1"), notified::add)) {
      assertThat(send(fromElsewhere, notify("example.test"), false).getRcode())
          .isEqualTo(Rcode.REFUSED);
      assertThat(send(listener, notify("other.test"), false).getRcode()).isEqualTo(Rcode.NOTAUTH);
      Message query =
          Message.newQuery(Record.newRecord(Name.fromString("example.test."), Type.A, DClass.IN));
      assertThat(send(listener, query, false).getRcode()).isEqualTo(Rcode.NOTIMP);
      assertThat(listener.answer(new byte[] {1, 2, 3}, InetAddress.getLoopbackAddress())).isNull();
      assertThat(notified).isEmpty();
    }
  }
}
