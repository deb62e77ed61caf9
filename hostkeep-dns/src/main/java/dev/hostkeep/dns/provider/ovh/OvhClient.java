package dev.hostkeep.dns.provider.ovh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
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
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Signed calls to the OVH API. The server's clock is read once ({@code GET /auth/time}) and its
 * difference to ours is added to every timestamp, so a host whose clock is off still signs valid
 * requests. Errors become {@link HostkeepException}s naming the call, the status, what OVH said and
 * its query id, never the credentials: 429 is throttled (honouring {@code Retry-After}); 5xx,
 * timeouts and refused connections are retriable; other 4xx are not.
 */
final class OvhClient {
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(10);

  private final String baseUrl;
  private final String applicationKey;
  private final Secret applicationSecret;
  private final Secret consumerKey;
  private final Duration timeout;
  private final Clock clock;
  private final Supplier<HttpClient> http;
  private final Object timeLock = new Object();
  private volatile Long delta;

  OvhClient(
      String baseUrl,
      String applicationKey,
      Secret applicationSecret,
      Secret consumerKey,
      Duration timeout,
      Clock clock) {
    this.baseUrl = baseUrl;
    this.applicationKey = applicationKey;
    this.applicationSecret = applicationSecret;
    this.consumerKey = consumerKey;
    this.timeout = timeout;
    this.clock = clock;
    this.http = ProviderHttp.client(timeout);
  }

  String baseUrl() {
    return baseUrl;
  }

  JsonNode get(String path) {
    return call("GET", path, null);
  }

  JsonNode post(String path, Object body) {
    return call("POST", path, body);
  }

  JsonNode put(String path, Object body) {
    return call("PUT", path, body);
  }

  JsonNode delete(String path) {
    return call("DELETE", path, null);
  }

  /** Seconds to add to our clock to get OVH's, read from the server on first use. */
  long delta() {
    Long known = delta;
    if (known != null) {
      return known;
    }
    synchronized (timeLock) {
      if (delta == null) {
        HttpRequest request =
            HttpRequest.newBuilder(URI.create(baseUrl + "/auth/time"))
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        JsonNode time = read("GET", "/auth/time", send(request, "GET", "/auth/time"));
        if (!time.canConvertToLong()) {
          throw new HostkeepException(
              "OVH GET /auth/time at " + baseUrl + " answered " + time + ", not Unix seconds");
        }
        delta = time.asLong() - clock.instant().getEpochSecond();
      }
      return delta;
    }
  }

  JsonNode call(String method, String path, Object body) {
    long timestamp = clock.instant().getEpochSecond() + delta();
    String url = baseUrl + path;
    String payload = body == null ? "" : ProviderHttp.write(body, "OVH");
    String signature =
        OvhSigner.sign(
            applicationSecret.reveal(), consumerKey.reveal(), method, url, payload, timestamp);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .header("Accept", "application/json")
            .header("X-Ovh-Application", applicationKey)
            .header("X-Ovh-Consumer", consumerKey.reveal())
            .header("X-Ovh-Timestamp", Long.toString(timestamp))
            .header("X-Ovh-Signature", signature)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return read(method, path, send(request.build(), method, path));
  }

  private HttpResponse<String> send(HttpRequest request, String method, String path) {
    return ProviderHttp.send(http, request, call(method, path), " at " + baseUrl);
  }

  private JsonNode read(String method, String path, HttpResponse<String> response) {
    int status = response.statusCode();
    String queryId = response.headers().firstValue("X-Ovh-QueryID").orElse(null);
    String text = ProviderHttp.text(response);
    boolean ok = status >= 200 && status < 300;
    if (status == 429) {
      throw HostkeepException.throttled(
          call(method, path) + ": 429 too many requests" + queryId(queryId) + "; slowing down",
          retryAfter(response, clock));
    }
    if (ok && text.isBlank()) {
      return MissingNode.getInstance();
    }
    Optional<JsonNode> json = ProviderHttp.json(text);
    if (json.isEmpty()) {
      throw new OvhApiException(
          status,
          null,
          status >= 500,
          call(method, path)
              + ": "
              + ProviderHttp.notJson(response, "JSON", queryId(queryId))
              + "; is the endpoint an OVH API base URL such as https://eu.api.ovh.com/1.0?");
    }
    if (ok) {
      return json.get();
    }
    throw error(method, path, status, json.get(), queryId);
  }

  private static OvhApiException error(
      String method, String path, int status, JsonNode body, String queryId) {
    String ovhClass = body.path("class").asText("");
    String message = body.path("message").asText(body.toString());
    String errorCode = body.hasNonNull("errorCode") ? body.get("errorCode").asText() : null;
    StringBuilder text = new StringBuilder(call(method, path)).append(": ").append(status);
    if (!ovhClass.isEmpty()) {
      text.append(' ').append(ovhClass);
    }
    text.append(" \"").append(message).append('"');
    if (errorCode != null) {
      text.append(" (").append(errorCode).append(')');
    }
    text.append(queryId(queryId)).append(hint(status, errorCode, message));
    return new OvhApiException(status, errorCode, status >= 500, text.toString());
  }

  private static String hint(int status, String errorCode, String message) {
    if (errorCode != null) {
      return switch (errorCode) {
        case "INVALID_KEY" -> "; check application_key";
        case "INVALID_CREDENTIAL", "NOT_CREDENTIAL" ->
            "; the consumer_key is unknown, expired or not validated yet: create and validate a"
                + " new one (POST /auth/credential)";
        case "NOT_GRANTED_CALL" ->
            "; the consumer_key's access rules do not allow this call: create one that does";
        default -> "";
      };
    }
    if (status == 400 && message.toLowerCase(Locale.ROOT).contains("signature")) {
      return "; check application_secret and consumer_key";
    }
    if (status == 404 && message.equals("This service does not exist")) {
      return "; check the service name (GET /dedicated/server and GET /vps list the account's)";
    }
    if (status == 460) {
      return "; the OVH service has expired: renew it";
    }
    return "";
  }

  /** {@code Retry-After} in seconds or as an HTTP date, or {@link #DEFAULT_RETRY_AFTER}. */
  static Duration retryAfter(HttpResponse<?> response, Clock clock) {
    return ProviderHttp.retryAfter(response, clock, DEFAULT_RETRY_AFTER);
  }

  private static String call(String method, String path) {
    return "OVH " + method + " " + path;
  }

  private static String queryId(String queryId) {
    return queryId == null ? "" : " [query id " + queryId + "]";
  }

  /** Jackson's mapper, made when the first answer is read. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }
}
