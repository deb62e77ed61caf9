package dev.hostkeep.dns.ddns.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Echo services on loopback, read from config and asked as {@code ddns update} would. */
class AddressDetectionTest {
  @TempDir Path dir;
  private final List<EchoServer> servers = new ArrayList<>();

  @AfterEach
  void stopServers() {
    servers.forEach(EchoServer::close);
  }

  @Test
  void aGoodAnswerIsTheAddress() throws Exception {
    EchoServer echo = serve(EchoServer.answering("8.8.4.4\n"));

    Verdict verdict = detect("ipv4: { sources: [ { https: %s } ] }", echo);

    assertThat(verdict.address()).contains(InetAddress.getByName("8.8.4.4"));
    assertThat(verdict.answers())
        .singleElement()
        .satisfies(a -> assertThat(a.source()).isEqualTo("https " + echo.uri()));
    assertThat(verdict.explanation())
        .isEqualTo(
            "IPv4 address 8.8.4.4, reported by 1 of 1 source asked (agree: 1). Answers: https "
                + echo.uri()
                + ": 8.8.4.4");
  }

  @Test
  void garbageIsRejectedWithItsText() {
    Verdict verdict =
        detect("ipv4: { sources: [ { https: %s } ] }", serve(EchoServer.answering("ERR quota\n")));

    assertThat(verdict.address()).isEmpty();
    assertThat(verdict.explanation())
        .startsWith("no IPv4 address: no source gave a usable answer. Answers: https ")
        .endsWith(": answered 'ERR quota', not a bare IPv4 address");
  }

  @Test
  void anHtmlPageIsRejected() {
    Verdict verdict =
        detect(
            "ipv4: { sources: [ { https: %s } ] }",
            serve(EchoServer.answeringHtml("<html><body>Your IP: 8.8.4.4</body></html>")));

    assertThat(verdict.address()).isEmpty();
    assertThat(verdict.answers().getFirst().problem())
        .hasValueSatisfying(
            p -> assertThat(p).startsWith("answered an HTML page, not a bare address"));
  }

  @Test
  void aBareAddressCountsWhateverItsContentType() throws Exception {
    Verdict verdict =
        detect(
            "ipv4: { sources: [ { https: %s } ] }", serve(EchoServer.answeringHtml("8.8.4.4\n")));

    assertThat(verdict.address()).contains(InetAddress.getByName("8.8.4.4"));
  }

  @Test
  void aLongBodyIsNotReadPastTheLimit() {
    Verdict verdict =
        detect(
            "ipv4: { sources: [ { https: %s } ] }",
            serve(EchoServer.answering("8.8.4.4" + " ".repeat(100_000))));

    assertThat(verdict.answers().getFirst().problem())
        .contains("answered more than 256 bytes, not a bare address");
  }

  @Test
  void aPrivateAddressIsRejected() {
    Verdict verdict =
        detect("ipv4: { sources: [ { https: %s } ] }", serve(EchoServer.answering("192.168.1.7")));

    assertThat(verdict.answers().getFirst().problem())
        .contains(
            "answered 192.168.1.7, which is not globally routable (private-use 192.168.0.0/16)");
  }

  @Test
  void anIpv6AnswerDoesNotCountForIpv4() {
    Verdict verdict =
        detect(
            "ipv4: { sources: [ { https: %s } ] }",
            serve(EchoServer.answering("2606:4700:4700::1111\n")));

    assertThat(verdict.address()).isEmpty();
    assertThat(verdict.answers().getFirst().problem())
        .contains("answered 2606:4700:4700::1111, an IPv6 address where IPv4 was asked for");
  }

  @Test
  void aServiceThatDoesNotAnswerTimesOut() {
    Verdict verdict =
        detect("ipv4: { sources: [ { https: %s } ], timeout: 300ms }", serve(EchoServer.hanging()));

    assertThat(verdict.address()).isEmpty();
    assertThat(verdict.answers().getFirst().problem()).contains("no answer within 300ms");
  }

  @Test
  void twoOfThreeAgreeing() throws Exception {
    Verdict verdict =
        detect(
            "ipv4: { sources: [ { https: %s }, { https: %s }, { https: %s } ], agree: 2 }",
            serve(EchoServer.answering("8.8.4.4")),
            serve(EchoServer.answering("9.9.9.9")),
            serve(EchoServer.answering("8.8.4.4")));

    assertThat(verdict.address()).contains(InetAddress.getByName("8.8.4.4"));
    assertThat(verdict.answers()).hasSize(3);
    assertThat(verdict.explanation())
        .startsWith("IPv4 address 8.8.4.4, reported by 2 of 3 sources asked (agree: 2). Answers: ");
  }

  @Test
  void threeDifferentAnswersGiveNoAddressAndSayWhatEachSaid() {
    EchoServer a = serve(EchoServer.answering("8.8.4.4"));
    EchoServer b = serve(EchoServer.answering("9.9.9.9"));
    EchoServer c = serve(EchoServer.answering("1.1.1.1"));

    Verdict verdict =
        detect(
            "ipv4: { sources: [ { https: %s }, { https: %s }, { https: %s } ], agree: 2 }",
            a, b, c);

    assertThat(verdict.address()).isEmpty();
    assertThat(verdict.explanation())
        .isEqualTo(
            "no IPv4 address: no address was reported by 2 sources (agree: 2). Answers: https "
                + a.uri()
                + ": 8.8.4.4; https "
                + b.uri()
                + ": 9.9.9.9; https "
                + c.uri()
                + ": 1.1.1.1");
  }

  @Test
  void twoAddressesBothReachingAgreeIsAConflict() {
    Verdict verdict =
        detect(
            "ipv4: { sources: [ { https: %s }, { https: %s }, { https: %s }, { https: %s } ],"
                + " agree: 2 }",
            serve(EchoServer.answering("8.8.4.4")),
            serve(EchoServer.answering("9.9.9.9")),
            serve(EchoServer.answering("9.9.9.9")),
            serve(EchoServer.answering("8.8.4.4")));

    assertThat(verdict.address()).isEmpty();
    assertThat(verdict.explanation())
        .startsWith(
            "no IPv4 address: sources disagree, 8.8.4.4 and 9.9.9.9 were each reported by at"
                + " least 2 (agree: 2). Answers: ");
  }

  @Test
  void oneBrokenServiceCannotOutvoteTwoGoodOnes() throws Exception {
    Verdict verdict =
        detect(
            "ipv4: { sources: [ { https: %s }, { https: %s }, { https: %s } ], agree: 2 }",
            serve(EchoServer.answeringHtml("<html>oops</html>")),
            serve(EchoServer.answering("8.8.4.4")),
            serve(EchoServer.answering("8.8.4.4")));

    assertThat(verdict.address()).contains(InetAddress.getByName("8.8.4.4"));
  }

  @Test
  void withAgreeOneDetectionStopsAtTheFirstGoodAnswerInOrder() throws Exception {
    EchoServer broken = serve(EchoServer.answering("<html>maintenance</html>"));
    EchoServer good = serve(EchoServer.answering("8.8.4.4"));
    EchoServer spare = serve(EchoServer.answering("9.9.9.9"));

    Verdict verdict =
        detect(
            "ipv4: { sources: [ { https: %s }, { https: %s }, { https: %s } ] }",
            broken, good, spare);

    assertThat(verdict.address()).contains(InetAddress.getByName("8.8.4.4"));
    assertThat(verdict.answers()).hasSize(2);
    assertThat(verdict.explanation()).endsWith("; 1 more source not asked");
    assertThat(spare.requests()).isZero();
  }

  @Test
  void aCustomServiceAndAStaticValueAgree() throws Exception {
    EchoServer echo = serve(EchoServer.answering("8.8.4.4\n"));

    Verdict verdict =
        detect("ipv4: { sources: [ { https: %s }, { static: 8.8.4.4 } ], agree: 2 }", echo);

    assertThat(verdict.address()).contains(InetAddress.getByName("8.8.4.4"));
    assertThat(verdict.explanation()).contains("static 8.8.4.4: 8.8.4.4");
  }

  @Test
  void withoutADetectSectionTheBuiltInServicesAreAsked() throws Exception {
    EchoServer first = serve(EchoServer.answering("8.8.4.4"));
    EchoServer second = serve(EchoServer.answering("8.8.4.4"));
    DetectionContext context =
        DetectionContext.system()
            .withDefaultEchoes(Family.IPV4, List.of(first.uri(), second.uri()));

    AddressDetection detection = AddressDetection.read(Optional.empty(), context);

    assertThat(detection.sources(Family.IPV4))
        .containsExactly("https " + first.uri(), "https " + second.uri());
    assertThat(detection.detect(Family.IPV4).address()).contains(InetAddress.getByName("8.8.4.4"));
    assertThat(second.requests()).isZero();
  }

  @Test
  void httpsDefaultCountsAsOneSourcePerBuiltInService() throws Exception {
    EchoServer a = serve(EchoServer.answering("8.8.4.4"));
    EchoServer b = serve(EchoServer.answering("9.9.9.9"));
    EchoServer c = serve(EchoServer.answering("8.8.4.4"));
    DetectionContext context =
        DetectionContext.system()
            .withDefaultEchoes(Family.IPV4, List.of(a.uri(), b.uri(), c.uri()));

    Verdict verdict =
        new DetectConfigs(dir, context)
            .load("ipv4: { sources: [ { https: default } ], agree: 2 }")
            .detect(Family.IPV4);

    assertThat(verdict.address()).contains(InetAddress.getByName("8.8.4.4"));
    assertThat(verdict.answers()).hasSize(3);
  }

  @Test
  void eachAnswerIsTimedByTheContextsClock() {
    DetectionContext context = DetectionContext.system().withClock(new SteppingClock());

    Verdict verdict =
        new DetectConfigs(dir, context)
            .load("ipv4: { sources: [ { static: 8.8.4.4 }, { static: 9.9.9.9 } ], agree: 2 }")
            .detect(Family.IPV4);

    assertThat(verdict.answers())
        .extracting(Answer::took)
        .allSatisfy(took -> assertThat(took).isPositive().isLessThan(Duration.ofSeconds(10)));
  }

  @Test
  void theBuiltInListNamesWellKnownServices() {
    assertThat(DetectionContext.builtInEchoes(Family.IPV4))
        .extracting(Object::toString)
        .contains("https://api.ipify.org", "https://checkip.amazonaws.com");
    assertThat(DetectionContext.builtInEchoes(Family.IPV6))
        .extracting(Object::toString)
        .contains("https://api6.ipify.org", "https://ipv6.icanhazip.com");
  }

  private EchoServer serve(EchoServer server) {
    servers.add(server);
    return server;
  }

  private Verdict detect(String yaml, EchoServer... echoes) {
    Object[] uris = List.of(echoes).stream().map(EchoServer::uri).toArray();
    return new DetectConfigs(dir, DetectionContext.system())
        .load(yaml.formatted(uris))
        .detect(Family.IPV4);
  }

  /** A clock that moves one second each time it is read. */
  private static final class SteppingClock extends Clock {
    private final AtomicLong seconds = new AtomicLong();

    @Override
    public Instant instant() {
      return Instant.ofEpochSecond(seconds.incrementAndGet());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
