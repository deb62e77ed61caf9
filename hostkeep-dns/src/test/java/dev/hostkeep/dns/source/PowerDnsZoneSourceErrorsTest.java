package dev.hostkeep.dns.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.secret.Redactor;
import dev.hostkeep.core.secret.Secret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Answers no real PowerDNS gives but proxies, login pages and outages do. */
class PowerDnsZoneSourceErrorsTest {
  private static final String KEY = "s3cr3t-api-key-0123456789";

  private HttpServer server;
  private final AtomicReference<Answer> answer = new AtomicReference<>();
  private final CountDownLatch release = new CountDownLatch(1);

  record Answer(int status, String contentType, String body) {}

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          Answer a = answer.get();
          if (a == null) {
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
          }
          // A misconfigured proxy that echoes request headers: the key must still not leak.
          String body =
              a.body().replace("{key}", exchange.getRequestHeaders().getFirst("X-API-Key"));
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", a.contentType());
          exchange.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  private HostkeepException readFails(Answer given) {
    answer.set(given);
    return readFails(url(), Duration.ofSeconds(10));
  }

  private URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private static HostkeepException readFails(URI url, Duration timeout) {
    PowerDnsSourceSettings settings =
        PowerDnsSourceSettings.of(url, Secret.of(KEY, new Redactor())).withTimeout(timeout);
    HostkeepException e =
        catchThrowableOfType(
            HostkeepException.class, () -> new PowerDnsZoneSource(settings).read());
    assertThat(e).as("read() must throw").isNotNull();
    assertThat(e.getMessage()).doesNotContain(KEY);
    return e;
  }

  @Test
  void anHtmlPageWith200IsAnErrorSayingWhatCameBack() {
    HostkeepException e =
        readFails(
            new Answer(
                200,
                "text/html; charset=utf-8",
                "<!DOCTYPE html>\n<html><head><title>Login</title></head><body>key={key}"
                    + " Please sign in to continue to the admin panel of this hosting company"
                    + " and some more text that is cut</body></html>"));

    assertThat(e.getMessage())
        .startsWith(
            "PowerDNS API http://127.0.0.1:"
                + server.getAddress().getPort()
                + "/api/v1/servers/localhost/zones answered 200 (text/html; charset=utf-8):"
                + " '<!DOCTYPE html> <html><head><title>Login</title></head><body>key=****")
        .contains("...'; expected a JSON list of zones");
    assertThat(e.retriable()).isFalse();
  }

  @Test
  void a500IsRetriableAndSaysWhatCameBack() {
    HostkeepException e =
        readFails(new Answer(500, "application/json", "{\"error\":\"backend gone\"}"));

    assertThat(e.getMessage())
        .endsWith("answered 500 (application/json): '{\"error\":\"backend gone\"}'");
    assertThat(e.retriable()).isTrue();
  }

  @Test
  void jsonThatIsNotAListOfZonesIsAnError() {
    HostkeepException e = readFails(new Answer(200, "application/json", "{\"zones\":[]}"));

    assertThat(e.getMessage()).contains("expected a JSON list of zones");
  }

  @Test
  void brokenJsonIsAnError() {
    HostkeepException e = readFails(new Answer(200, "application/json", "[{\"name\":"));

    assertThat(e.getMessage()).contains("answered 200 (application/json): '[{\"name\":'");
  }

  @Test
  void aNotFoundIsNotRetriable() {
    HostkeepException e = readFails(new Answer(404, "text/plain", "Not Found"));

    assertThat(e.getMessage()).contains("answered 404 (text/plain): 'Not Found'");
    assertThat(e.retriable()).isFalse();
  }

  @Test
  void aRefusedConnectionIsRetriable() throws IOException {
    URI closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    HostkeepException e = readFails(closed, Duration.ofSeconds(10));

    assertThat(e.getMessage()).contains("did not answer: ConnectException");
    assertThat(e.retriable()).isTrue();
  }

  @Test
  void aServerThatNeverAnswersTimesOutRetriably() {
    HostkeepException e = readFails(url(), Duration.ofMillis(300));

    assertThat(e.getMessage()).contains("did not answer: HttpTimeoutException");
    assertThat(e.retriable()).isTrue();
  }
}
