package dev.hostkeep.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeOvhTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private FakeOvh fake;

  @BeforeEach
  void start() {
    fake = FakeOvh.start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void zoneRecordChangesStayStagedUntilRefresh() throws Exception {
    FakeOvhZone zone = fake.addZone("example.com");
    zone.seed("", "A", "192.0.2.1", 300);
    long serial = zone.serial();

    HttpResponse<String> created =
        call(
            "POST",
            "/domain/zone/example.com/record",
            "{\"fieldType\":\"A\",\"subDomain\":\"www\",\"target\":\"192.0.2.2\",\"ttl\":60}");

    assertThat(created.statusCode()).isEqualTo(200);
    assertThat(created.body()).contains("\"subDomain\":\"www\"", "\"ttl\":60");
    assertThat(zone.staged()).hasSize(2);
    assertThat(zone.published()).hasSize(1);

    assertThat(call("POST", "/domain/zone/example.com/refresh", "").statusCode()).isEqualTo(200);
    assertThat(zone.published()).extracting(FakeOvhZone.Record::subDomain).contains("www");
    assertThat(zone.serial()).isEqualTo(serial + 1);
    assertThat(call("GET", "/domain/zone/example.com/soa", "").body())
        .contains("\"serial\":" + (serial + 1));
  }

  @Test
  void recordListsFilterExactlyAndRecordsCanBeChangedAndDeleted() throws Exception {
    FakeOvhZone zone = fake.addZone("example.com");
    FakeOvhZone.Record apex = zone.seed("", "A", "192.0.2.1", 300);
    zone.seed("www", "A", "192.0.2.1", 300);
    zone.seed("", "MX", "10 mx.example.com.", 300);
    String record = "/domain/zone/example.com/record/" + apex.id();

    assertThat(call("GET", "/domain/zone/example.com/record?fieldType=A&subDomain=", "").body())
        .isEqualTo("[" + apex.id() + "]");
    assertThat(call("PUT", record, "{\"target\":\"192.0.2.9\"}").statusCode()).isEqualTo(200);
    assertThat(call("GET", record, "").body()).contains("\"target\":\"192.0.2.9\"");
    assertThat(call("DELETE", record, "").statusCode()).isEqualTo(200);
    assertThat(call("GET", record, "").statusCode()).isEqualTo(404);
    assertThat(call("GET", "/domain/zone/nope.example/soa", "").body())
        .contains("This service does not exist");
  }

  @Test
  void throttlesEveryNthCallWithRetryAfter() throws Exception {
    fake.addVps("vps1");
    fake.throttleEvery(3, Duration.ofSeconds(2));

    List<Integer> statuses = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      statuses.add(call("GET", "/vps/vps1/secondaryDnsDomains", "").statusCode());
    }

    assertThat(statuses).containsExactly(200, 200, 429, 200, 200, 429);
    assertThat(fake.requests())
        .extracting(FakeOvh.Request::status)
        .containsExactlyElementsOf(statuses);
  }

  @Test
  void addingADomainTwiceIsAConflict() throws Exception {
    fake.addDedicated("ns1");
    String path = "/dedicated/server/ns1/secondaryDnsDomains";

    assertThat(call("POST", path, "{\"domain\":\"example.com\"}").statusCode()).isEqualTo(200);
    HttpResponse<String> again = call("POST", path, "{\"domain\":\"example.com\"}");

    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("Client::Conflict");
  }

  @Test
  void answersNameServerAndTokenAsOvhDoes() throws Exception {
    FakeOvhService service = fake.addDedicated("ns1");

    assertThat(call("GET", "/dedicated/server/ns1/secondaryDnsNameServerAvailable", "").body())
        .contains("\"hostname\":\"sdns2.ovh.net\"");
    assertThat(
            call("GET", "/dedicated/server/ns1/secondaryDnsNameDomainToken?domain=a.example", "")
                .body())
        .isEqualTo(
            "{\"subDomain\":\"ownercheck\",\"fieldType\":\"TXT\",\"fieldValue\":\""
                + service.token("a.example")
                + "\"}");
  }

  @Test
  void delaysEachAnswerByTheInjectedLatency() throws Exception {
    fake.latency(Duration.ofMillis(40));
    long start = System.nanoTime();

    call("GET", "/vps", "");

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(40));
  }

  @Test
  void readsAndWritesJson() {
    Object parsed =
        FakeOvhJson.parse(" {\"a\": [1, 2.5, \"x\\\"y\\u0041\", true, null], \"b\": {}} ");

    assertThat(parsed).isInstanceOf(Map.class);
    assertThat(FakeOvhJson.write(parsed))
        .isEqualTo("{\"a\":[1,2.5,\"x\\\"yA\",true,null],\"b\":{}}");
    assertThatThrownBy(() -> FakeOvhJson.parse("{\"a\":1,}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FakeOvhJson.parse("<html>"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private HttpResponse<String> call(String method, String pathAndQuery, String body)
      throws Exception {
    FakeOvh.Credentials keys = fake.credentials();
    String url = fake.baseUrl() + pathAndQuery;
    String timestamp = Long.toString(System.currentTimeMillis() / 1000);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .header("X-Ovh-Application", keys.applicationKey())
            .header("X-Ovh-Consumer", keys.consumerKey())
            .header("X-Ovh-Timestamp", timestamp)
            .header(
                "X-Ovh-Signature",
                FakeOvh.sign(
                    keys.applicationSecret(), keys.consumerKey(), method, url, body, timestamp))
            .method(
                method,
                body.isEmpty()
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
