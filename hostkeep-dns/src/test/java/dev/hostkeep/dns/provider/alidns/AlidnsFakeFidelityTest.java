package dev.hostkeep.dns.provider.alidns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostkeep.testkit.FakeAlidns;
import dev.hostkeep.testkit.FakeClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fake checks signatures as Alidns does: it accepts the reference's vectors, computed by
 * Alibaba, and rejects anything else with its own string-to-sign. Requests here are built by hand,
 * not by hostkeep's client.
 */
class AlidnsFakeFidelityTest {
  private static final FakeAlidns.Credentials TEST_KEY =
      new FakeAlidns.Credentials("testid", "testsecret");
  private static final String OFFICIAL_STRING_TO_SIGN =
      "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeDomainRecords%26DomainName%3Dexample.com"
          + "%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D"
          + "f59ed6a9-83fc-473b-9cc6-99c95df3856e%26SignatureVersion%3D1.0%26Timestamp%3D"
          + "2016-03-24T16%253A41%253A54Z%26Version%3D2015-01-09";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void acceptsTheOfficialVectorsSignature() throws Exception {
    try (FakeAlidns fake = fake("2016-03-24T16:41:54Z")) {
      Map<String, String> params = official();

      JsonNode accepted = get(fake, params, "uRpHwaSEt3J+6KQD//svCh/x+pI=");
      params.put("SignatureNonce", "another-nonce");
      JsonNode refused = get(fake, params, "uRpHwaSEt3J+6KQD//svCh/x+pI=");

      // the signature passed; only the XML format (which the fake does not speak) is refused
      assertThat(accepted.path("Code").asText()).isEqualTo("InvalidParameter");
      assertThat(accepted.path("Message").asText()).contains("Format=JSON");
      assertThat(refused.path("Code").asText()).isEqualTo("SignatureDoesNotMatch");
    }
  }

  @Test
  void answersAMismatchWithItsOwnStringToSign() throws Exception {
    try (FakeAlidns fake = fake("2016-03-24T16:41:54Z")) {
      JsonNode answer = get(fake, official(), "AAAAAAAAAAAAAAAAAAAAAAAAAAA=");

      assertThat(answer.path("Code").asText()).isEqualTo("SignatureDoesNotMatch");
      assertThat(answer.path("Message").asText())
          .endsWith("server string to sign is:" + OFFICIAL_STRING_TO_SIGN);
    }
  }

  @Test
  void acceptsTheIpv6UpdateVectorByGet() throws Exception {
    try (FakeAlidns fake = fake("2024-01-02T03:04:05Z")) {
      JsonNode answer = get(fake, update(), "+lbGAzKSbJGlhyPl/7ZLYPG0iqo=");

      // authenticated; the record id is just not in this account
      assertThat(answer.path("Code").asText()).isEqualTo("DomainRecordNotBelongToUser");
    }
  }

  @Test
  void acceptsTheIpv6UpdateVectorByPost() throws Exception {
    try (FakeAlidns fake = fake("2024-01-02T03:04:05Z")) {
      JsonNode answer = post(fake, update(), "gFCR8IkbxuOWtZ1WWS50vaX5zp0=");
      JsonNode asGet = post(fake, withNonce(update(), "n2"), "+lbGAzKSbJGlhyPl/7ZLYPG0iqo=");

      assertThat(answer.path("Code").asText()).isEqualTo("DomainRecordNotBelongToUser");
      assertThat(asGet.path("Code").asText()).isEqualTo("SignatureDoesNotMatch");
      assertThat(asGet.path("Message").asText()).contains("string to sign is:POST&%2F&");
    }
  }

  @Test
  void acceptsTheSubDomainVectorAndRefusesItsReplay() throws Exception {
    try (FakeAlidns fake = fake("2024-01-02T03:04:05Z")) {
      fake.addZone("example.com").add("www", "A", "192.0.2.1", 600);
      Map<String, String> params = common("DescribeSubDomainRecords");
      params.put("SubDomain", "www.example.com");
      params.put("Type", "A");

      JsonNode first = get(fake, params, "Vdhhmxn+m6MpInLBSeWqz4k8PL8=");
      JsonNode replay = get(fake, params, "Vdhhmxn+m6MpInLBSeWqz4k8PL8=");

      assertThat(first.path("TotalCount").asInt()).isEqualTo(1);
      assertThat(first.at("/DomainRecords/Record/0/Value").asText()).isEqualTo("192.0.2.1");
      assertThat(replay.path("Code").asText()).isEqualTo("SignatureNonceUsed");
    }
  }

  @Test
  void refusesATimestampMoreThanFifteenMinutesOff() throws Exception {
    try (FakeAlidns fake = fake("2024-01-02T03:19:06Z")) {
      JsonNode answer = get(fake, update(), "+lbGAzKSbJGlhyPl/7ZLYPG0iqo=");

      assertThat(answer.path("Code").asText()).isEqualTo("InvalidTimeStamp.Expired");
    }
  }

  @Test
  void refusesAWrongVersionKeyOrMethodAndMissingParameters() throws Exception {
    try (FakeAlidns fake = fake("2024-01-02T03:04:05Z")) {
      Map<String, String> oldVersion = withNonce(update(), "v");
      oldVersion.put("Version", "2014-01-01");
      Map<String, String> otherKey = withNonce(update(), "k");
      otherKey.put("AccessKeyId", "someoneelse");
      Map<String, String> noTimestamp = withNonce(update(), "t");
      noTimestamp.remove("Timestamp");
      // "TimeStamp" is not "Timestamp": an old client bug
      noTimestamp.put("TimeStamp", "2024-01-02T03:04:05Z");

      assertThat(get(fake, oldVersion, "x").path("Code").asText()).isEqualTo("InvalidVersion");
      assertThat(get(fake, otherKey, "x").path("Code").asText())
          .isEqualTo("InvalidAccessKeyId.NotFound");
      JsonNode missing = get(fake, noTimestamp, "x");
      assertThat(missing.path("Code").asText()).isEqualTo("MissingParameter");
      assertThat(missing.path("Message").asText()).contains("\"Timestamp\"");
      HttpResponse<String> put =
          http.send(
              HttpRequest.newBuilder(URI.create(fake.endpoint()))
                  .PUT(HttpRequest.BodyPublishers.ofString(""))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(put.statusCode()).isEqualTo(400);
      assertThat(put.body()).contains("UnsupportedHTTPMethod");
      assertThat(fake.count()).isEqualTo(4);
      assertThat(fake.requests())
          .allSatisfy(r -> assertThat(r.params()).doesNotContainKey("Signature"));
    }
  }

  private static FakeAlidns fake(String now) {
    return FakeAlidns.start(new FakeClock(Instant.parse(now)), TEST_KEY);
  }

  private static Map<String, String> official() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("AccessKeyId", "testid");
    params.put("Action", "DescribeDomainRecords");
    params.put("DomainName", "example.com");
    params.put("Format", "XML");
    params.put("SignatureMethod", "HMAC-SHA1");
    params.put("SignatureNonce", "f59ed6a9-83fc-473b-9cc6-99c95df3856e");
    params.put("SignatureVersion", "1.0");
    params.put("Timestamp", "2016-03-24T16:41:54Z");
    params.put("Version", "2015-01-09");
    return params;
  }

  private static Map<String, String> update() {
    Map<String, String> params = common("UpdateDomainRecord");
    params.put("RecordId", "9999985");
    params.put("RR", "*");
    params.put("Type", "AAAA");
    params.put("Value", "2001:db8::1");
    params.put("TTL", "600");
    return params;
  }

  private static Map<String, String> common(String action) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("Action", action);
    params.put("Version", "2015-01-09");
    params.put("Format", "JSON");
    params.put("AccessKeyId", "testid");
    params.put("SignatureMethod", "HMAC-SHA1");
    params.put("SignatureVersion", "1.0");
    params.put("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf");
    params.put("Timestamp", "2024-01-02T03:04:05Z");
    return params;
  }

  private static Map<String, String> withNonce(Map<String, String> params, String nonce) {
    params.put("SignatureNonce", nonce);
    return params;
  }

  private JsonNode get(FakeAlidns fake, Map<String, String> params, String signature)
      throws IOException, InterruptedException {
    URI uri = URI.create(fake.endpoint() + "?" + form(params, signature));
    return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build());
  }

  private JsonNode post(FakeAlidns fake, Map<String, String> params, String signature)
      throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(URI.create(fake.endpoint()))
            .timeout(Duration.ofSeconds(5))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(params, signature)))
            .build());
  }

  private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
    return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
  }

  private static String form(Map<String, String> params, String signature) {
    StringBuilder out = new StringBuilder();
    params.forEach(
        (k, v) ->
            out.append(AlidnsSigner.encode(k))
                .append('=')
                .append(AlidnsSigner.encode(v))
                .append('&'));
    return out.append("Signature=").append(AlidnsSigner.encode(signature)).toString();
  }
}
