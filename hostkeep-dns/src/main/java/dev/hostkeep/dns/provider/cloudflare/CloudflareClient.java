package dev.hostkeep.dns.provider.cloudflare;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Calls to Cloudflare's API v4 with an API token ({@code Authorization: Bearer}). Answers come in
 * Cloudflare's envelope {@code {"success", "errors": [{"code", "message"}], "messages", "result"}};
 * a failed one becomes a {@link CloudflareApiException} naming the call, the status, Cloudflare's
 * codes and messages and the {@code cf-ray} id, never the token. 429 is throttled (honouring {@code
 * Retry-After}); 5xx, timeouts and refused connections are retriable; other 4xx are not.
 */
final class CloudflareClient {
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(10);
  private static final Set<Integer> AUTH_CODES = Set.of(6003, 6111, 9106, 9109, 10000, 1000);

  private final String baseUrl;
  private final Secret token;
  private final Duration timeout;
  private final Clock clock;
  private final Supplier<HttpClient> http;

  CloudflareClient(String baseUrl, Secret token, Duration timeout, Clock clock) {
    this.baseUrl = baseUrl;
    this.token = token;
    this.timeout = timeout;
    this.clock = clock;
    this.http = ProviderHttp.client(timeout);
  }

  /** The {@code result} of {@code GET path} ({@code path} may carry a query). */
  JsonNode get(String path) {
    return call("GET", path, null);
  }

  JsonNode post(String path, Object body) {
    return call("POST", path, body);
  }

  JsonNode patch(String path, Object body) {
    return call("PATCH", path, body);
  }

  JsonNode delete(String path) {
    return call("DELETE", path, null);
  }

  private JsonNode call(String method, String path, Object body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(timeout)
            .header("Accept", "application/json")
            .header("Authorization", "Bearer " + token.reveal())
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(
                        ProviderHttp.write(body, "Cloudflare"), StandardCharsets.UTF_8));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return read(
        method,
        path,
        ProviderHttp.send(http, request.build(), call(method, path), " at " + baseUrl));
  }

  private JsonNode read(String method, String path, HttpResponse<String> response) {
    int status = response.statusCode();
    String ray = response.headers().firstValue("cf-ray").map(r -> " [cf-ray " + r + "]").orElse("");
    String text = ProviderHttp.text(response);
    if (status == 429) {
      throw HostkeepException.throttled(
          call(method, path)
              + ": 429 too many requests"
              + ray
              + "; Cloudflare allows about 1200 requests per 5 minutes, slowing down",
          ProviderHttp.retryAfter(response, clock, DEFAULT_RETRY_AFTER));
    }
    Optional<JsonNode> json = ProviderHttp.json(text);
    if (json.isEmpty() || !json.get().isObject()) {
      throw new CloudflareApiException(
          status,
          List.of(),
          status >= 500,
          call(method, path)
              + ": "
              + ProviderHttp.notJson(response, "Cloudflare's JSON", ray)
              + (status >= 500
                  ? "; Cloudflare's API is having trouble, try again later"
                  : "; is the endpoint Cloudflare's API base URL such as "
                      + CloudflareSettings.DEFAULT_ENDPOINT
                      + "?"));
    }
    JsonNode envelope = json.get();
    boolean ok = status >= 200 && status < 300 && envelope.path("success").asBoolean(false);
    if (ok) {
      return envelope.path("result");
    }
    throw error(method, path, status, envelope, ray);
  }

  private static CloudflareApiException error(
      String method, String path, int status, JsonNode envelope, String ray) {
    List<Integer> codes = new ArrayList<>();
    List<String> said = new ArrayList<>();
    for (JsonNode error : envelope.path("errors")) {
      codes.add(error.path("code").asInt());
      StringBuilder one = new StringBuilder();
      one.append('[').append(error.path("code").asText("?")).append("] ");
      one.append(error.path("message").asText(""));
      for (JsonNode link : error.path("error_chain")) {
        one.append(" (").append(link.path("code").asText("?")).append(' ');
        one.append(link.path("message").asText("")).append(')');
      }
      said.add(one.toString());
    }
    String text =
        call(method, path)
            + ": "
            + status
            + " "
            + (said.isEmpty() ? "without an error message" : String.join("; ", said))
            + ray
            + hint(status, codes);
    return new CloudflareApiException(status, codes, status >= 500, text);
  }

  private static String hint(int status, List<Integer> codes) {
    if (status == 401 || status == 403 || codes.stream().anyMatch(AUTH_CODES::contains)) {
      return "; check api_token: it must be an API token (not the Global API Key) with Zone:Read"
          + " and DNS:Edit permission on this zone";
    }
    return "";
  }

  private static String call(String method, String path) {
    return "Cloudflare " + method + " " + path;
  }

  /** Jackson's mapper, made when the first answer is read. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }
}
