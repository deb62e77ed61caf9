package dev.hostkeep.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A faithful local stand-in for the OVH API ({@code http://127.0.0.1:<port>/1.0}): {@code
 * /auth/time} on its own clock, and every other call authenticated as OVH does it — application
 * key, consumer key, timestamp within {@link #allowedSkew}, and the {@code $1$} SHA-1 signature
 * recomputed from the exact URL and body — with OVH's error shapes and an {@code X-Ovh-QueryID} on
 * every answer. It serves the secondary DNS of dedicated servers and VPS with per-domain ownership
 * tokens and a pluggable ownership check, and the zone record calls (staged until {@code refresh}).
 *
 * <p>Knobs for tests and benchmarks: a fixed latency per request, 429s (every Nth call or the next
 * K) with {@code Retry-After}, 5xx answers, HTML pages, revoked consumer keys, restricted access
 * rules. Every request is logged with its method, path, time and status.
 */
public final class FakeOvh extends FakeHttpApi<FakeOvh, FakeOvhAnswer, FakeOvh.Request> {
  private static final String PREFIX = "/1.0";

  private final Clock clock;
  private final Credentials credentials;
  private final FakeOvhSecondaryApi secondary;
  private final FakeOvhZoneApi zones;
  private final AtomicLong queryIds = new AtomicLong();
  private volatile Duration allowedSkew = Duration.ofSeconds(30);
  private volatile boolean consumerRevoked;
  private volatile List<AccessRule> accessRules = AccessRule.ALL;

  /** The keys a client must use; {@code applicationSecret} signs, it is never sent. */
  public record Credentials(String applicationKey, String applicationSecret, String consumerKey) {}

  /**
   * One request the fake answered: its path below {@code /1.0}, its raw query (or null), when it
   * arrived by the wall clock (not the fake's {@code /auth/time} clock, so rates can be measured),
   * and the status it got.
   */
  public record Request(String method, String path, String query, Instant at, int status) {}

  /** An access rule of the consumer key: a method and a path where {@code *} matches anything. */
  public record AccessRule(String method, String path) {
    static final List<AccessRule> ALL =
        List.of(
            new AccessRule("GET", "/*"),
            new AccessRule("POST", "/*"),
            new AccessRule("PUT", "/*"),
            new AccessRule("DELETE", "/*"));

    boolean allows(String requestMethod, String requestPath) {
      String regex = Pattern.quote(path).replace("*", "\\E.*\\Q");
      return method.equals(requestMethod) && requestPath.matches(regex);
    }
  }

  private FakeOvh(Clock clock) {
    super(
        "OVH API",
        new FakeFaults<>(
            status -> FakeOvhAnswer.error(status, "Client::TooManyRequests", "Too many requests"),
            status ->
                FakeOvhAnswer.error(status, "Server::InternalServerError", "Internal server error"),
            FakeOvhAnswer::proxyPage));
    this.clock = clock;
    this.credentials =
        new Credentials(randomHex(8), randomHex(16), randomHex(16)); // the shapes OVH hands out
    this.secondary = new FakeOvhSecondaryApi(clock);
    this.zones = new FakeOvhZoneApi();
  }

  /** A fake on the system clock. */
  public static FakeOvh start() {
    return start(Clock.systemUTC());
  }

  /** A fake whose {@code /auth/time} and timestamp check follow {@code clock}. */
  public static FakeOvh start(Clock clock) {
    return new FakeOvh(clock);
  }

  /** The base URL to configure as the endpoint, e.g. {@code http://127.0.0.1:41234/1.0}. */
  public String baseUrl() {
    return http.url(PREFIX);
  }

  public Credentials credentials() {
    return credentials;
  }

  /** How far a request's timestamp may be from the fake's clock (default 30 s). */
  public FakeOvh allowedSkew(Duration skew) {
    allowedSkew = skew;
    return this;
  }

  /** Adds a dedicated server whose secondary DNS is {@code sdns2.ovh.net}. */
  public FakeOvhService addDedicated(String name) {
    return secondary.add(new FakeOvhService(name, true, "sdns2.ovh.net", "213.251.188.141"));
  }

  /** Adds a VPS whose secondary DNS is {@code sdns1.ovh.net}. */
  public FakeOvhService addVps(String name) {
    return secondary.add(new FakeOvhService(name, false, "sdns1.ovh.net", "213.251.188.140"));
  }

  public FakeOvhService dedicated(String name) {
    return secondary.dedicated(name);
  }

  public FakeOvhService vps(String name) {
    return secondary.vps(name);
  }

  /** A zone for the {@code /domain/zone/{zone}} record calls. */
  public FakeOvhZone addZone(String name) {
    return zones.add(name);
  }

  public FakeOvhZone zone(String name) {
    return zones.zone(name);
  }

  /** Every dedicated server's ownership check passes (the default). */
  public FakeOvh ownercheckAlwaysPasses() {
    return ownercheck((domain, token) -> true);
  }

  /** Every dedicated server's ownership check fails. */
  public FakeOvh ownercheckAlwaysFails() {
    return ownercheck((domain, token) -> false);
  }

  /**
   * Checks ownership as OVH does: {@code txt} gets {@code ownercheck.<domain>} and returns the TXT
   * strings it serves (e.g. resolved with dnsjava against the test's primary); the check passes
   * when one of them is the token.
   */
  public FakeOvh ownercheckResolvedBy(Function<String, Collection<String>> txt) {
    return ownercheck((domain, token) -> txt.apply("ownercheck." + domain).contains(token));
  }

  /** Decides each ownership check from the domain and the token OVH expects. */
  public FakeOvh ownercheck(BiPredicate<String, String> check) {
    secondary.ownercheck(check);
    return this;
  }

  /** Answers every {@code n}th API call from now with 429 (0 stops); no header if null. */
  public FakeOvh throttleEvery(int n, Duration retryAfter) {
    faults.throttleEvery(n, 429, retryAfter);
    return this;
  }

  /**
   * Lets the next {@code k} API calls through, then answers one with {@code status} and OVH's error
   * body (400: a request OVH rejects; 5xx: a server error, which clients retry).
   */
  public FakeOvh failAfter(int k, int status) {
    faults.failAfter(k, status);
    return this;
  }

  /** Answers the next {@code k} API calls with 429 and {@code Retry-After} (none if null). */
  public FakeOvh throttleNext(int k, Duration retryAfter) {
    faults.throttleNext(k, 429, retryAfter);
    return this;
  }

  /** Makes the consumer key invalid (403 INVALID_CREDENTIAL), as after its expiry. */
  public FakeOvh revokeConsumerKey() {
    consumerRevoked = true;
    return this;
  }

  /** Limits the consumer key to {@code rules}; other calls get 403 NOT_GRANTED_CALL. */
  public FakeOvh accessRules(List<AccessRule> rules) {
    accessRules = List.copyOf(rules);
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
    FakeOvhAnswer answer;
    try {
      answer = answer(request, rawPath);
    } catch (RuntimeException e) {
      answer = FakeOvhAnswer.error(500, "Server::InternalServerError", "fake OVH: " + e);
    }
    String path = rawPath.startsWith(PREFIX) ? rawPath.substring(PREFIX.length()) : rawPath;
    log.add(new Request(request.method(), path, request.rawQuery(), request.at(), answer.status()));
    request
        .exchange()
        .getResponseHeaders()
        .set("X-Ovh-QueryID", "EU.ext-fake." + Long.toHexString(queryIds.incrementAndGet()));
    return answer;
  }

  private FakeOvhAnswer answer(FakeHttpServer.Incoming request, String rawPath) {
    String method = request.method();
    String rawQuery = request.rawQuery();
    String body = request.body();
    if (!rawPath.startsWith(PREFIX + "/")) {
      return FakeOvhAnswer.invalidUrl();
    }
    String path = rawPath.substring(PREFIX.length());
    if (path.equals("/auth/time")) {
      return method.equals("GET")
          ? FakeOvhAnswer.json(clock.instant().getEpochSecond())
          : FakeOvhAnswer.invalidUrl();
    }
    Optional<FakeOvhAnswer> fault = faults.next();
    if (fault.isPresent()) {
      return fault.get();
    }
    String fullUrl = http.url(rawPath) + (rawQuery == null ? "" : "?" + rawQuery);
    FakeOvhAnswer refused = authenticate(request, method, path, fullUrl, body);
    if (refused != null) {
      return refused;
    }
    FakeOvhCall call = FakeOvhCall.of(method, path, rawQuery, body);
    FakeOvhAnswer routed = secondary.handle(call);
    if (routed == null) {
      routed = zones.handle(call);
    }
    return routed == null ? FakeOvhAnswer.invalidUrl() : routed;
  }

  private FakeOvhAnswer authenticate(
      FakeHttpServer.Incoming request, String method, String path, String fullUrl, String body) {
    String application = request.header("X-Ovh-Application");
    String consumer = request.header("X-Ovh-Consumer");
    String timestamp = request.header("X-Ovh-Timestamp");
    String signature = request.header("X-Ovh-Signature");
    if (application == null || !application.equals(credentials.applicationKey())) {
      return FakeOvhAnswer.forbidden("INVALID_KEY", "Invalid application key");
    }
    if (consumer == null) {
      return FakeOvhAnswer.forbidden("NOT_CREDENTIAL", "This credential does not exist");
    }
    if (!consumer.equals(credentials.consumerKey()) || consumerRevoked) {
      return FakeOvhAnswer.forbidden("INVALID_CREDENTIAL", "This credential is not valid");
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp == null ? "" : timestamp);
    } catch (NumberFormatException e) {
      return FakeOvhAnswer.badRequest("Invalid timestamp");
    }
    long skew = Math.abs(seconds - clock.instant().getEpochSecond());
    if (skew > allowedSkew.toSeconds()) {
      return FakeOvhAnswer.badRequest("Invalid timestamp");
    }
    String expected =
        sign(credentials.applicationSecret(), consumer, method, fullUrl, body, timestamp);
    if (!expected.equals(signature)) {
      return FakeOvhAnswer.badRequest("Invalid signature");
    }
    if (accessRules.stream().noneMatch(rule -> rule.allows(method, path))) {
      return FakeOvhAnswer.forbidden("NOT_GRANTED_CALL", "This call has not been granted");
    }
    return null;
  }

  /** OVH's signature, computed here independently of hostkeep's own signer. */
  static String sign(
      String secret, String consumer, String method, String url, String body, String timestamp) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      String material =
          secret + "+" + consumer + "+" + method + "+" + url + "+" + body + "+" + timestamp;
      return "$1$"
          + HexFormat.of().formatHex(sha1.digest(material.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
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
    return "FakeOvh at " + baseUrl() + " " + lines;
  }
}
