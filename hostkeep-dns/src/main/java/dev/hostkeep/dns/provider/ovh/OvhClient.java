package dev.hostkeep.dns.provider.ovh;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.secret.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

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
  private HttpClient http;
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
  }

  /** The HTTP client, made on the first request: a run that sends nothing skips TLS set-up. */
  private synchronized HttpClient http() {
    if (http == null) {
      http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(timeout)
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
    }
    return http;
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
    String payload = body == null ? "" : write(body);
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

  /** {@code value} encoded for one path segment or query value. */
  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private HttpResponse<String> send(HttpRequest request, String method, String path) {
    try {
      return http().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw HostkeepException.retriable(
          call(method, path) + " at " + baseUrl + " timed out after " + timeout.toMillis() + " ms",
          e);
    } catch (IOException e) {
      throw HostkeepException.retriable(
          call(method, path)
              + " at "
              + baseUrl
              + " failed: "
              + e.getClass().getSimpleName()
              + describe(e),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HostkeepException(call(method, path) + " was interrupted", e);
    }
  }

  private JsonNode read(String method, String path, HttpResponse<String> response) {
    int status = response.statusCode();
    String queryId = response.headers().firstValue("X-Ovh-QueryID").orElse(null);
    String text = response.body() == null ? "" : response.body();
    boolean ok = status >= 200 && status < 300;
    if (status == 429) {
      throw HostkeepException.throttled(
          call(method, path) + ": 429 too many requests" + queryId(queryId) + "; slowing down",
          retryAfter(response, clock));
    }
    if (ok && text.isBlank()) {
      return MissingNode.getInstance();
    }
    Optional<JsonNode> json = parse(text);
    if (json.isEmpty()) {
      String type = response.headers().firstValue("Content-Type").orElse("no content type");
      throw new OvhApiException(
          status,
          null,
          status >= 500,
          call(method, path)
              + ": "
              + status
              + " answered "
              + type
              + ", not JSON"
              + queryId(queryId)
              + ": '"
              + excerpt(text)
              + "'; is the endpoint an OVH API base URL such as https://eu.api.ovh.com/1.0?");
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
    Optional<String> header = response.headers().firstValue("Retry-After");
    if (header.isEmpty()) {
      return DEFAULT_RETRY_AFTER;
    }
    String value = header.get().strip();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(clock.instant(), at);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException notDate) {
        return DEFAULT_RETRY_AFTER;
      }
    }
  }

  private static Optional<JsonNode> parse(String text) {
    try {
      return Optional.of(Json.MAPPER.readTree(text)).filter(node -> !node.isMissingNode());
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  private static String write(Object body) {
    try {
      return Json.MAPPER.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write OVH request body " + body, e);
    }
  }

  private static String call(String method, String path) {
    return "OVH " + method + " " + path;
  }

  private static String queryId(String queryId) {
    return queryId == null ? "" : " [query id " + queryId + "]";
  }

  private static String describe(IOException e) {
    return e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
  }

  private static String excerpt(String text) {
    String flat = text.strip().replaceAll("\\s+", " ");
    return flat.length() <= 100 ? flat : flat.substring(0, 100) + "...";
  }

  /** Jackson's mapper, set up only when a request is made. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }
}
