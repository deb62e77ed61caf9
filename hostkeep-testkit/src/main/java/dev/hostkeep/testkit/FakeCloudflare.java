package dev.hostkeep.testkit;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A faithful local stand-in for Cloudflare's API v4 ({@code http://127.0.0.1:<port>/client/v4}):
 * zones looked up by name, DNS records with 32-hex ids filtered by type and exact name, created,
 * patched and deleted, with Cloudflare's envelope {@code {"success", "errors", "messages",
 * "result"}}, its error codes (81058 identical record, 81044 unknown record, 9109 invalid token)
 * and a {@code cf-ray} header on every answer. Every call needs {@code Authorization: Bearer
 * <token>}.
 *
 * <p>Knobs for tests and benchmarks: a fixed latency per request, 429s with {@code Retry-After},
 * 5xx answers, the edge's HTML error pages, a revoked token. Every request is logged.
 */
public final class FakeCloudflare
    extends FakeHttpApi<FakeCloudflare, FakeCloudflareAnswer, FakeCloudflare.Request> {
  private static final String PREFIX = "/client/v4";
  private static final String TOKEN_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

  private final String token = newToken();
  private final FakeCloudflareApi api = new FakeCloudflareApi();
  private final AtomicLong rays = new AtomicLong(0x7a3f00000000L);
  private volatile boolean tokenRevoked;

  /** One request the fake answered: its path below {@code /client/v4}, raw query, time, status. */
  public record Request(String method, String path, String query, Instant at, int status) {}

  private FakeCloudflare() {
    super(
        "Cloudflare API",
        new FakeFaults<>(
            status ->
                FakeCloudflareAnswer.error(
                    status, 971, "Please wait and consider throttling your request speed"),
            status -> FakeCloudflareAnswer.error(status, 10001, "Internal Server Error"),
            FakeCloudflareAnswer::edgePage));
  }

  public static FakeCloudflare start() {
    return new FakeCloudflare();
  }

  /** The base URL to configure as the endpoint, e.g. {@code http://127.0.0.1:41234/client/v4}. */
  public String baseUrl() {
    return http.url(PREFIX);
  }

  /** The API token a client must send (40 characters, as Cloudflare's are). */
  public String token() {
    return token;
  }

  public FakeCloudflareZone addZone(String name) {
    return api.add(name);
  }

  /** Deletes a zone; adding it again gives it a new id, as on Cloudflare. */
  public FakeCloudflare removeZone(String name) {
    api.remove(name);
    return this;
  }

  public FakeCloudflareZone zone(String name) {
    return api.zone(name);
  }

  /** Answers the next {@code k} API calls with 429 and {@code Retry-After} (none if null). */
  public FakeCloudflare throttleNext(int k, Duration retryAfter) {
    faults.throttleNext(k, 429, retryAfter);
    return this;
  }

  /**
   * Lets the next {@code k} API calls through, then answers one with {@code status} and
   * Cloudflare's error body (400: a record the API rejects; 5xx: a server error, which clients
   * retry).
   */
  public FakeCloudflare failAfter(int k, int status) {
    faults.failAfter(k, status);
    return this;
  }

  /** Makes the token invalid (403, code 9109), as after it was rolled or deleted. */
  public FakeCloudflare revokeToken() {
    tokenRevoked = true;
    return this;
  }

  /** How many requests so far had {@code method} and a path starting with {@code pathPrefix}. */
  public long count(String method, String pathPrefix) {
    return log.stream()
        .filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix))
        .count();
  }

  @Override
  FakeReply<?> exchange(FakeHttpServer.Incoming request) {
    String rawPath = request.rawPath();
    FakeCloudflareAnswer answer;
    try {
      answer = answer(request, rawPath);
    } catch (RuntimeException e) {
      answer = FakeCloudflareAnswer.error(500, 10001, "fake Cloudflare: " + e);
    }
    String path = rawPath.startsWith(PREFIX) ? rawPath.substring(PREFIX.length()) : rawPath;
    log.add(new Request(request.method(), path, request.rawQuery(), request.at(), answer.status()));
    request
        .exchange()
        .getResponseHeaders()
        .set("cf-ray", Long.toHexString(rays.incrementAndGet()) + "-CDG");
    return answer;
  }

  private FakeCloudflareAnswer answer(FakeHttpServer.Incoming request, String rawPath) {
    if (!rawPath.startsWith(PREFIX + "/")) {
      return FakeCloudflareAnswer.noRoute();
    }
    Optional<FakeCloudflareAnswer> fault = faults.next();
    if (fault.isPresent()) {
      return fault.get();
    }
    String authorization = request.header("Authorization");
    if (authorization == null) {
      return FakeCloudflareAnswer.error(
          400, 9106, "Missing X-Auth-Key, X-Auth-Email or Authorization headers");
    }
    if (!authorization.startsWith("Bearer ")) {
      return FakeCloudflareAnswer.error(400, 6111, "Invalid format for Authorization header");
    }
    if (tokenRevoked || !authorization.substring("Bearer ".length()).equals(token)) {
      return FakeCloudflareAnswer.error(403, 9109, "Invalid access token");
    }
    return api.handle(
        FakeOvhCall.of(
            request.method(),
            rawPath.substring(PREFIX.length()),
            request.rawQuery(),
            request.body()));
  }

  private static String newToken() {
    SecureRandom random = new SecureRandom();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      out.append(TOKEN_CHARS.charAt(random.nextInt(TOKEN_CHARS.length())));
    }
    return out.toString();
  }

  /** Lists every request (for failure messages). */
  @Override
  public String toString() {
    List<String> lines = new ArrayList<>();
    for (Request r : log) {
      lines.add(
          r.method()
              + " "
              + r.path()
              + (r.query() == null ? "" : "?" + r.query())
              + " "
              + r.status());
    }
    return "FakeCloudflare at " + baseUrl() + " " + lines;
  }
}
