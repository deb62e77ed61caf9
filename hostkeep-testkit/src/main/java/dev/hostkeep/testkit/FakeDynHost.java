package dev.hostkeep.testkit;

import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * A local stand-in for OVH's DynHost update URL ({@code http://127.0.0.1:<port>/nic/update}),
 * speaking dyndns2: {@code GET ?system=dyndns&hostname=&myip=} with HTTP Basic auth answers {@code
 * good <ip>} or {@code nochg <ip>}, {@code badauth} (with a 401), {@code nohost}, {@code notfqdn}.
 * One login may update the hosts added with {@link #addHost}; each keeps one IPv4 and one IPv6
 * address, as a DynHost's A and AAAA records.
 *
 * <p>Knobs: the next answers as given text ({@code 911}, {@code abuse}, ...), with a status (5xx),
 * or an HTML page. Every request is logged.
 */
public final class FakeDynHost implements AutoCloseable {
  private static final String PATH = "/nic/update";
  private static final Pattern IPV4 =
      Pattern.compile(
          "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private final FakeHttpServer http;
  private final String username = "example.com-hostkeep";
  private final String password = FakeHttpApi.randomHex(12);
  private final Map<String, Map<String, String>> hosts = new ConcurrentHashMap<>();
  private final Deque<Canned> canned = new ArrayDeque<>();
  private final List<Request> log = new CopyOnWriteArrayList<>();

  /** One request: its raw query, when it arrived, the status and the body it got. */
  public record Request(String query, Instant at, int status, String answer) {}

  private record Canned(int status, String body, String contentType, Map<String, String> headers)
      implements FakeReply<Canned> {
    Canned(int status, String body, String contentType) {
      this(status, body, contentType, Map.of());
    }

    @Override
    public Canned withHeader(String name, String value) {
      Map<String, String> all = new LinkedHashMap<>(headers);
      all.put(name, value);
      return new Canned(status, body, contentType, all);
    }
  }

  private FakeDynHost() {
    this.http = FakeHttpServer.start("DynHost", this::exchange);
  }

  public static FakeDynHost start() {
    return new FakeDynHost();
  }

  /** The update URL to configure, e.g. {@code http://127.0.0.1:41234/nic/update}. */
  public String endpoint() {
    return http.url(PATH);
  }

  public String username() {
    return username;
  }

  public String password() {
    return password;
  }

  /** Adds a DynHost record the login may update, with no address yet. */
  public FakeDynHost addHost(String hostname) {
    hosts.putIfAbsent(hostname, new ConcurrentHashMap<>());
    return this;
  }

  /** The address {@code hostname} has for {@code type} ({@code A} or {@code AAAA}), if any. */
  public Optional<String> address(String hostname, String type) {
    Map<String, String> host = hosts.get(hostname);
    return host == null ? Optional.empty() : Optional.ofNullable(host.get(type));
  }

  /** Answers the next {@code k} updates with {@code body} and status 200 (e.g. {@code 911}). */
  public FakeDynHost answerNext(int k, String body) {
    return cannedNext(k, new Canned(200, body, "text/plain; charset=utf-8"));
  }

  /** Answers the next {@code k} updates with {@code status} and a plain text error. */
  public FakeDynHost failNext(int k, int status) {
    return cannedNext(k, new Canned(status, "Service Unavailable", "text/plain; charset=utf-8"));
  }

  /** Answers the next {@code k} updates with an HTML page and {@code status}, like a portal. */
  public FakeDynHost htmlNext(int k, int status) {
    return cannedNext(
        k,
        new Canned(
            status,
            "<!DOCTYPE html><html><head><title>OVHcloud</title></head><body>Maintenance</body></html>",
            "text/html; charset=utf-8"));
  }

  public List<Request> requests() {
    return List.copyOf(log);
  }

  @Override
  public void close() {
    http.close();
  }

  private synchronized FakeDynHost cannedNext(int k, Canned answer) {
    for (int i = 0; i < k; i++) {
      canned.add(answer);
    }
    return this;
  }

  private synchronized Optional<Canned> nextCanned() {
    return Optional.ofNullable(canned.poll());
  }

  private FakeReply<?> exchange(FakeHttpServer.Incoming request) {
    Canned answer;
    try {
      answer = answer(request.exchange());
    } catch (RuntimeException e) {
      answer = new Canned(500, "fake DynHost: " + e, "text/plain");
    }
    log.add(new Request(request.rawQuery(), request.at(), answer.status(), answer.body()));
    return answer.status() == 401
        ? answer.withHeader("WWW-Authenticate", "Basic realm=\"DynHost\"")
        : answer;
  }

  private Canned answer(HttpExchange exchange) {
    if (!exchange.getRequestURI().getRawPath().equals(PATH)
        || !exchange.getRequestMethod().equals("GET")) {
      return new Canned(404, "Not Found", "text/plain");
    }
    Optional<Canned> fault = nextCanned();
    if (fault.isPresent()) {
      return fault.get();
    }
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      return text(401, "badauth");
    }
    Map<String, String> query =
        FakeOvhCall.of("GET", PATH, exchange.getRequestURI().getRawQuery(), "").query();
    String hostname = query.getOrDefault("hostname", "");
    String ip = query.getOrDefault("myip", "");
    if (!"dyndns".equals(query.get("system")) || !hostname.contains(".")) {
      return text(200, "notfqdn");
    }
    Map<String, String> host = hosts.get(hostname);
    if (host == null) {
      return text(200, "nohost");
    }
    String type = IPV4.matcher(ip).matches() ? "A" : IPV6.matcher(ip).matches() ? "AAAA" : null;
    if (type == null) {
      return text(200, "911");
    }
    String old = host.put(type, ip);
    return text(200, (ip.equals(old) ? "nochg " : "good ") + ip);
  }

  private static Canned text(int status, String body) {
    return new Canned(status, body, "text/plain; charset=utf-8");
  }
}
