package dev.hostkeep.testkit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A faithful local stand-in for the Alidns RPC API ({@code http://127.0.0.1:<port>/}), version
 * 2015-01-09. It takes GET queries and POST forms, requires the common parameters, refuses a wrong
 * version, an unknown or disabled AccessKey, a timestamp more than {@link #allowedSkew} off its
 * clock and a reused nonce, and recomputes the HMAC-SHA1 signature (answering {@code
 * SignatureDoesNotMatch} with its own string-to-sign, as Alidns does). Records live in memory with
 * numeric string ids and lower-cased RRs; see {@link FakeAlidnsZones} for the actions served.
 *
 * <p>Knobs for tests and benchmarks: a fixed latency, throttling ({@code Throttling.User} every Nth
 * call or the next K, or 429 with {@code Retry-After}), 5xx answers, HTML pages. Every request is
 * logged with its method, action, parameters (without the signature) and status.
 */
public final class FakeAlidns
    extends FakeHttpApi<FakeAlidns, FakeAlidnsAnswer, FakeAlidns.Request> {
  static final String VERSION = "2015-01-09";
  private static final List<String> COMMON =
      List.of(
          "Action",
          "Version",
          "AccessKeyId",
          "SignatureMethod",
          "SignatureVersion",
          "SignatureNonce",
          "Timestamp",
          "Signature");

  private final Clock clock;
  private final Credentials credentials;
  private final FakeAlidnsZones zones = new FakeAlidnsZones();
  private final Set<String> nonces = ConcurrentHashMap.newKeySet();
  private volatile Duration allowedSkew = Duration.ofMinutes(15);
  private volatile boolean keyDisabled;

  /** The AccessKey a client must use; the secret signs, it is never sent. */
  public record Credentials(String accessKeyId, String accessKeySecret) {
    @Override
    public String toString() {
      return "Credentials[" + accessKeyId + ", ****]";
    }
  }

  /**
   * One request the fake answered: the HTTP method, the {@code Action} (or null), every parameter
   * but {@code Signature}, when it arrived by the wall clock, the status and the error code, if
   * any.
   */
  public record Request(
      String method,
      String action,
      Map<String, String> params,
      Instant at,
      int status,
      String code) {}

  private FakeAlidns(Clock clock, Credentials credentials) {
    super(
        "Alidns API",
        new FakeFaults<>(
            FakeAlidnsAnswer::throttled, FakeAlidnsAnswer::failed, FakeAlidnsAnswer::html));
    this.clock = clock;
    this.credentials = credentials;
  }

  /** A fake on the system clock with a random AccessKey. */
  public static FakeAlidns start() {
    return start(Clock.systemUTC());
  }

  /** A fake whose timestamp check follows {@code clock}, with a random AccessKey. */
  public static FakeAlidns start(Clock clock) {
    return start(clock, new Credentials("LTAI" + randomHex(10), randomHex(15)));
  }

  /**
   * A fake that accepts {@code credentials} (e.g. the reference's {@code testid}/{@code
   * testsecret}).
   */
  public static FakeAlidns start(Clock clock, Credentials credentials) {
    return new FakeAlidns(clock, credentials);
  }

  /** The URL to configure as the endpoint, e.g. {@code http://127.0.0.1:41234/}. */
  public String endpoint() {
    return http.url("/");
  }

  public Credentials credentials() {
    return credentials;
  }

  /** How far a request's timestamp may be from the fake's clock (default 15 min, as Alidns). */
  public FakeAlidns allowedSkew(Duration skew) {
    allowedSkew = skew;
    return this;
  }

  /** The smallest TTL accepted (default 600, the free edition's). */
  public FakeAlidns minTtl(int value) {
    zones.minTtl(value);
    return this;
  }

  /** Disables the AccessKey: every call gets {@code InvalidAccessKeyId.Inactive}. */
  public FakeAlidns disableKey() {
    keyDisabled = true;
    return this;
  }

  /** Adds a zone (a domain in the account). */
  public FakeAlidnsZone addZone(String name) {
    zones.addZone(name);
    return zone(name);
  }

  public FakeAlidnsZone zone(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (!zones.hasZone(lower)) {
      throw new IllegalArgumentException("no zone " + name + " in the fake Alidns account");
    }
    return new FakeAlidnsZone(lower, zones);
  }

  /** The record with {@code id}, in any zone. */
  public Optional<FakeAlidnsRecord> record(String id) {
    return zones.record(id);
  }

  /** Deletes a record behind a client's back (as someone in the console would). */
  public boolean deleteRecord(String id) {
    return zones.delete(id);
  }

  /** Answers every {@code n}th call from now with 400 {@code Throttling.User} (0 stops). */
  public FakeAlidns throttleEvery(int n) {
    faults.throttleEvery(n, 400, null);
    return this;
  }

  /** Answers the next {@code k} calls with 400 {@code Throttling.User}, as Alidns does. */
  public FakeAlidns throttleNext(int k) {
    faults.throttleNext(k, 400, null);
    return this;
  }

  /**
   * Answers the next {@code k} calls with {@code Throttling.User} and {@code status} (e.g. 429) and
   * a {@code Retry-After} header (none if null), as a gateway in front of Alidns may.
   */
  public FakeAlidns throttleNext(int k, int status, Duration retryAfter) {
    faults.throttleNext(k, status, retryAfter);
    return this;
  }

  /**
   * Lets the next {@code k} calls through, then answers one with {@code status} in Alidns's error
   * shape (400: a request Alidns rejects; 5xx: a server error, which clients retry).
   */
  public FakeAlidns failAfter(int k, int status) {
    faults.failAfter(k, status);
    return this;
  }

  /** How many requests arrived so far. */
  public long count() {
    return log.size();
  }

  /** How many requests so far asked for {@code action}. */
  public long count(String action) {
    return log.stream().filter(r -> action.equals(r.action())).count();
  }

  @Override
  FakeReply<?> exchange(FakeHttpServer.Incoming request) {
    String method = request.method();
    Map<String, String> params = new LinkedHashMap<>();
    FakeAlidnsAnswer answer;
    try {
      decodeInto(request.rawQuery(), params);
      if (method.equals("POST")) {
        decodeInto(request.body(), params);
      }
      answer = answer(method, params);
    } catch (RuntimeException e) {
      answer = FakeAlidnsAnswer.error(500, "InternalError", "fake Alidns: " + e);
    }
    Map<String, String> logged = new LinkedHashMap<>(params);
    logged.remove("Signature");
    log.add(
        new Request(
            method,
            params.get("Action"),
            Map.copyOf(logged),
            request.at(),
            answer.status(),
            answer.code()));
    return answer;
  }

  private FakeAlidnsAnswer answer(String method, Map<String, String> params) {
    if (!method.equals("GET") && !method.equals("POST")) {
      return FakeAlidnsAnswer.badRequest(
          "UnsupportedHTTPMethod", "This http method " + method + " is not supported.");
    }
    Optional<FakeAlidnsAnswer> fault = faults.next();
    if (fault.isPresent()) {
      return fault.get();
    }
    FakeAlidnsAnswer refused = authenticate(method, params);
    if (refused != null) {
      return refused;
    }
    return zones.handle(params.get("Action"), params);
  }

  private FakeAlidnsAnswer authenticate(String method, Map<String, String> p) {
    for (String name : COMMON) {
      if (p.get(name) == null || p.get(name).isEmpty()) {
        return FakeAlidnsZones.missingParameter(name);
      }
    }
    if (!VERSION.equals(p.get("Version"))) {
      return FakeAlidnsAnswer.badRequest(
          "InvalidVersion", "Specified parameter Version is not valid.");
    }
    if (!p.get("AccessKeyId").equals(credentials.accessKeyId())) {
      return FakeAlidnsAnswer.error(
          404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
    }
    if (keyDisabled) {
      return FakeAlidnsAnswer.badRequest(
          "InvalidAccessKeyId.Inactive", "Specified access key is disabled.");
    }
    if (!"HMAC-SHA1".equals(p.get("SignatureMethod")) || !"1.0".equals(p.get("SignatureVersion"))) {
      return FakeAlidnsAnswer.badRequest(
          "InvalidParameter", "SignatureMethod must be HMAC-SHA1 and SignatureVersion 1.0.");
    }
    FakeAlidnsAnswer badTime = checkTimestamp(p.get("Timestamp"));
    if (badTime != null) {
      return badTime;
    }
    String stringToSign = FakeAlidnsSigner.stringToSign(method, p);
    String expected = FakeAlidnsSigner.signature(credentials.accessKeySecret(), stringToSign);
    if (!FakeAlidnsSigner.matches(expected, p.get("Signature"))) {
      return FakeAlidnsAnswer.badRequest(
          "SignatureDoesNotMatch",
          "Specified signature is not matched with our calculation. server string to sign is:"
              + stringToSign);
    }
    if (!nonces.add(p.get("SignatureNonce"))) {
      return FakeAlidnsAnswer.badRequest(
          "SignatureNonceUsed", "Specified signature nonce was used already.");
    }
    if (!"JSON".equals(p.get("Format"))) {
      // Alidns answers XML by default; hostkeep asks for JSON and so is all this fake speaks.
      return FakeAlidnsAnswer.badRequest(
          "InvalidParameter", "The fake Alidns answers only Format=JSON, got " + p.get("Format"));
    }
    return null;
  }

  private FakeAlidnsAnswer checkTimestamp(String timestamp) {
    Instant at;
    try {
      if (!timestamp.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ")) {
        throw new DateTimeParseException("not yyyy-MM-ddTHH:mm:ssZ", timestamp, 0);
      }
      at = Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      return FakeAlidnsAnswer.badRequest(
          "InvalidTimeStamp.Format", "Specified time stamp does not match the specified format.");
    }
    if (Duration.between(at, clock.instant()).abs().compareTo(allowedSkew) > 0) {
      return FakeAlidnsAnswer.badRequest(
          "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");
    }
    return null;
  }

  private static void decodeInto(String encoded, Map<String, String> params) {
    if (encoded == null || encoded.isEmpty()) {
      return;
    }
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
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
              + r.action()
              + " "
              + r.status()
              + (r.code() == null ? "" : " " + r.code()));
    }
    return "FakeAlidns at " + endpoint() + " " + lines;
  }
}
