package dev.hostkeep.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PowerDnsServerTest {
  @TempDir static Path dir;
  static PowerDnsServer pdns;
  static HttpClient http;

  @BeforeAll
  static void startPowerDns() {
    pdns = PowerDnsServer.start(dir);
    http = HttpClient.newHttpClient();
  }

  @AfterAll
  static void stopPowerDns() {
    if (pdns != null) {
      pdns.close();
    }
    if (http != null) {
      http.close();
    }
  }

  @Test
  void servesAZoneCreatedThroughTheApi() throws Exception {
    String zone =
        """
        {"name": "api.test.", "kind": "Native", "nameservers": ["ns1.api.test."],
         "rrsets": [{"name": "www.api.test.", "type": "A", "ttl": 300,
                     "records": [{"content": "192.0.2.20", "disabled": false}]}]}
        """;

    HttpResponse<String> created = send("POST", "/zones", zone);

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(Dig.answers(pdns.dnsPort(), "www.api.test", "A")).containsExactly("192.0.2.20");
    assertThat(Dig.answers(pdns.dnsPort(), "api.test", "SOA"))
        .singleElement()
        .asString()
        .startsWith("ns1.api.test. hostmaster.api.test. ");
  }

  @Test
  void rejectsRequestsWithoutTheApiKey() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(pdns.apiUrl().resolve("/api/v1/servers/localhost")).build();

    int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();

    assertThat(status).isEqualTo(401);
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void closeStopsTheProcessAndFreesThePorts() {
    long pid = pdns.pid();

    pdns.close();

    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(ServerProcess.tcpOpen(pdns.dnsPort())).isFalse();
    assertThat(ServerProcess.tcpOpen(pdns.apiUrl().getPort())).isFalse();
  }

  static HttpResponse<String> send(String method, String path, String json) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(pdns.apiUrl().resolve("/api/v1/servers/localhost" + path))
            .header("X-API-Key", pdns.apiKey())
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
