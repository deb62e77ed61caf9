package dev.hostkeep.dns.provider.alidns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.secret.Secret;
import dev.hostkeep.dns.provider.ProviderHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Signed RPC calls to the Alidns API (version 2015-01-09, signature HMAC-SHA1 1.0), sent as POST
 * forms asking for Json.MAPPER. Every call gets a fresh nonce and a UTC timestamp from the clock.
 * Errors become {@link HostkeepException}s naming the action, the status, Alidns's {@code Code},
 * {@code Message} and request id, never the secret: {@code Throttling*} (and 429) is throttled;
 * 5xx, {@code InternalError}, {@code ServiceUnavailable}, timeouts and refused connections are
 * retriable; everything else is not.
 */
final class AlidnsClient {
  static final String VERSION = "2015-01-09";
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private final URI endpoint;
  private final String accessKeyId;
  private final Secret accessKeySecret;
  private final Duration timeout;
  private final Clock clock;
  private final Supplier<String> nonces;
  private final Supplier<HttpClient> http;

  AlidnsClient(
      URI endpoint, String accessKeyId, Secret accessKeySecret, Duration timeout, Clock clock) {
    this(
        endpoint, accessKeyId, accessKeySecret, timeout, clock, () -> UUID.randomUUID().toString());
  }

  AlidnsClient(
      URI endpoint,
      String accessKeyId,
      Secret accessKeySecret,
      Duration timeout,
      Clock clock,
      Supplier<String> nonces) {
    this.endpoint = endpoint;
    this.accessKeyId = accessKeyId;
    this.accessKeySecret = accessKeySecret;
    this.timeout = timeout;
    this.clock = clock;
    this.nonces = nonces;
    this.http = ProviderHttp.client(timeout);
  }

  URI endpoint() {
    return endpoint;
  }

  /** Calls {@code action} with {@code params} and returns the JSON answer of a success. */
  JsonNode call(String action, Map<String, String> params) {
    Map<String, String> all = new LinkedHashMap<>(params);
    all.put("Action", action);
    all.put("Version", VERSION);
    all.put("Format", "JSON");
    all.put("AccessKeyId", accessKeyId);
    all.put("SignatureMethod", "HMAC-SHA1");
    all.put("SignatureVersion", "1.0");
    all.put("SignatureNonce", nonces.get());
    all.put("Timestamp", TIMESTAMP.format(clock.instant()));
    String signature = AlidnsSigner.sign(accessKeySecret.reveal(), "POST", all);
    String body = AlidnsSigner.canonicalQuery(all) + "&Signature=" + AlidnsSigner.encode(signature);
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("Accept", "application/json")
            .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    return read(action, ProviderHttp.send(http, request, call(action), " at " + endpoint));
  }

  private JsonNode read(String action, HttpResponse<String> response) {
    int status = response.statusCode();
    String text = ProviderHttp.text(response);
    boolean ok = status >= 200 && status < 300;
    Optional<JsonNode> json = ProviderHttp.json(text).filter(JsonNode::isObject);
    if (json.isEmpty()) {
      if (status == 429) {
        throw HostkeepException.throttled(
            call(action) + ": 429 too many requests; slowing down", retryAfter(response));
      }
      throw new AlidnsApiException(
          status,
          null,
          status >= 500,
          scrub(
              call(action)
                  + ": "
                  + ProviderHttp.notJson(response, "JSON", "")
                  + "; is the endpoint the Alidns API, such as "
                  + AlidnsSettings.DEFAULT_ENDPOINT
                  + "?"));
    }
    JsonNode body = json.get();
    String code = body.path("Code").asText("");
    if (ok && code.isEmpty()) {
      return body;
    }
    throw error(action, status, body, code, response);
  }

  private HostkeepException error(
      String action, int status, JsonNode body, String code, HttpResponse<String> response) {
    String message = body.path("Message").asText("");
    String requestId = body.path("RequestId").asText("");
    StringBuilder text = new StringBuilder(call(action)).append(": ").append(status);
    if (!code.isEmpty()) {
      text.append(' ').append(code);
    }
    if (!message.isEmpty()) {
      text.append(" \"").append(message).append('"');
    }
    if (!requestId.isEmpty()) {
      text.append(" [request id ").append(requestId).append(']');
    }
    text.append(hint(code));
    String described = scrub(text.toString());
    if (code.startsWith("Throttling") || status == 429) {
      return HostkeepException.throttled(described + "; slowing down", retryAfter(response));
    }
    boolean retriable =
        status >= 500 || code.equals("InternalError") || code.equals("ServiceUnavailable");
    return new AlidnsApiException(status, code.isEmpty() ? null : code, retriable, described);
  }

  private static String hint(String code) {
    return switch (code) {
      case "SignatureDoesNotMatch" -> "; check access_key_secret";
      case "InvalidAccessKeyId.NotFound" -> "; check access_key_id";
      case "InvalidAccessKeyId.Inactive" -> "; the AccessKey is disabled: enable it or make one";
      case "InvalidTimeStamp.Expired" -> "; this host's clock is off by more than 15 minutes";
      case "Forbidden.RAM", "Forbidden" ->
          "; the RAM user needs the AliyunDNSFullAccess policy or one allowing this action";
      case "InvalidDomainName.NoExist", "IncorrectDomainUser" ->
          "; the zone is not in this Alidns account";
      default -> "";
    };
  }

  /** Alidns sends no Retry-After with its throttling codes; a 429 from a proxy may. */
  private static Duration retryAfter(HttpResponse<String> response) {
    return ProviderHttp.retryAfterSeconds(response).orElse(DEFAULT_RETRY_AFTER);
  }

  /**
   * Belt and braces: Alidns never echoes the secret, but nothing it says may leak it. Like the
   * redactor, values too short to hide without mangling the text are left to it.
   */
  private String scrub(String text) {
    String secret = accessKeySecret.reveal();
    return secret.length() < 4 ? text : text.replace(secret, Secret.MASK);
  }

  private static String call(String action) {
    return "Alidns " + action;
  }

  /** Jackson's mapper, made when the first answer is read. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }
}
