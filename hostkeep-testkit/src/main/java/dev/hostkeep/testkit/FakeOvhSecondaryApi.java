package dev.hostkeep.testkit;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;

/**
 * The secondary DNS calls of dedicated servers ({@code /dedicated/server/...}) and VPS ({@code
 * /vps/...}) as OVH answers them.
 */
final class FakeOvhSecondaryApi {
  private final Map<String, FakeOvhService> dedicated = new ConcurrentHashMap<>();
  private final Map<String, FakeOvhService> vps = new ConcurrentHashMap<>();
  private final Clock clock;
  private volatile BiPredicate<String, String> ownercheck = (domain, token) -> true;

  FakeOvhSecondaryApi(Clock clock) {
    this.clock = clock;
  }

  FakeOvhService add(FakeOvhService service) {
    Map<String, FakeOvhService> map = service.dedicated() ? dedicated : vps;
    if (map.putIfAbsent(service.name(), service) != null) {
      throw new IllegalArgumentException("service " + service.name() + " exists already");
    }
    return service;
  }

  FakeOvhService dedicated(String name) {
    return dedicated.get(name);
  }

  FakeOvhService vps(String name) {
    return vps.get(name);
  }

  void ownercheck(BiPredicate<String, String> check) {
    ownercheck = check;
  }

  /** The answer for {@code call}, or null when the path is not a secondary DNS path. */
  FakeOvhAnswer handle(FakeOvhCall call) {
    List<String> path = call.segments();
    if (path.size() >= 2 && path.get(0).equals("dedicated") && path.get(1).equals("server")) {
      return service(call, dedicated, path.subList(2, path.size()));
    }
    if (!path.isEmpty() && path.get(0).equals("vps")) {
      return service(call, vps, path.subList(1, path.size()));
    }
    return null;
  }

  private FakeOvhAnswer service(
      FakeOvhCall call, Map<String, FakeOvhService> services, List<String> rest) {
    if (rest.isEmpty()) {
      return call.method().equals("GET")
          ? FakeOvhAnswer.json(new ArrayList<>(new TreeSet<>(services.keySet())))
          : FakeOvhAnswer.invalidUrl();
    }
    FakeOvhService service = services.get(rest.get(0));
    if (service == null) {
      return FakeOvhAnswer.noSuchService();
    }
    if (service.isExpired()) {
      return FakeOvhAnswer.error(460, "Client::Gone", "This service is expired");
    }
    List<String> tail = rest.subList(1, rest.size());
    String route = call.method() + " " + String.join("/", tail.stream().limit(1).toList());
    return switch (route) {
      case "GET secondaryDnsNameServerAvailable" ->
          tail.size() == 1 ? nameServer(service) : FakeOvhAnswer.invalidUrl();
      case "GET secondaryDnsNameDomainToken" ->
          service.dedicated() && tail.size() == 1
              ? token(call, service)
              : FakeOvhAnswer.invalidUrl();
      case "GET secondaryDnsDomains", "POST secondaryDnsDomains" ->
          tail.size() == 1
              ? domains(call, service)
              : domain(call, service, tail.subList(1, tail.size()));
      case "PUT secondaryDnsDomains", "DELETE secondaryDnsDomains" ->
          tail.size() == 1
              ? FakeOvhAnswer.invalidUrl()
              : domain(call, service, tail.subList(1, tail.size()));
      default -> FakeOvhAnswer.invalidUrl();
    };
  }

  private FakeOvhAnswer domains(FakeOvhCall call, FakeOvhService service) {
    if (call.method().equals("GET")) {
      return FakeOvhAnswer.json(new ArrayList<>(service.domains()));
    }
    Map<String, Object> body;
    try {
      body = call.object();
    } catch (IllegalArgumentException e) {
      return FakeOvhAnswer.badRequest("Invalid JSON received: " + e.getMessage());
    }
    if (!(body.get("domain") instanceof String domain) || domain.isBlank()) {
      return FakeOvhAnswer.badRequest("Missing parameter(s): domain");
    }
    String ip = body.get("ip") instanceof String given ? given : "192.0.2.1";
    if (service.domain(domain).isPresent()) {
      return FakeOvhAnswer.error(
          409, "Client::Conflict", "The domain " + domain + " already exists on this server");
    }
    if (service.dedicated() && !ownercheck.test(domain, service.token(domain))) {
      return FakeOvhAnswer.error(
          403,
          "Client::Forbidden",
          "Unable to verify the ownership of "
              + domain
              + ": no TXT record ownercheck."
              + domain
              + " with the expected token");
    }
    if (!service.add(domain, ip, now())) {
      return FakeOvhAnswer.error(
          409, "Client::Conflict", "The domain " + domain + " already exists on this server");
    }
    return FakeOvhAnswer.json(null);
  }

  private FakeOvhAnswer domain(FakeOvhCall call, FakeOvhService service, List<String> rest) {
    String domain = rest.get(0);
    var found = service.domain(domain);
    if (found.isEmpty()) {
      return FakeOvhAnswer.notFound(
          "The requested object (domain = " + domain + ") does not exist");
    }
    String route = call.method() + " " + String.join("/", rest.subList(1, rest.size()));
    return switch (route) {
      case "GET " -> {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("domain", domain);
        body.put("dns", service.nameServer());
        body.put("ipMaster", found.get().ipMaster());
        body.put("creationDate", found.get().creationDate());
        yield FakeOvhAnswer.json(body);
      }
      case "GET dnsServer" -> nameServer(service);
      case "PUT " -> {
        Map<String, Object> body;
        try {
          body = call.object();
        } catch (IllegalArgumentException e) {
          yield FakeOvhAnswer.badRequest("Invalid JSON received: " + e.getMessage());
        }
        if (body.get("ipMaster") instanceof String ip) {
          service.setIpMaster(domain, ip);
        }
        yield FakeOvhAnswer.json(null);
      }
      case "DELETE " ->
          service.remove(domain)
              ? FakeOvhAnswer.json(null)
              : FakeOvhAnswer.notFound(
                  "The requested object (domain = " + domain + ") does not exist");
      default -> FakeOvhAnswer.invalidUrl();
    };
  }

  private static FakeOvhAnswer nameServer(FakeOvhService service) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("hostname", service.nameServer());
    body.put("ip", service.nameServerIp());
    body.put("ipv6", null);
    return FakeOvhAnswer.json(body);
  }

  private static FakeOvhAnswer token(FakeOvhCall call, FakeOvhService service) {
    String domain = call.query().get("domain");
    if (domain == null || domain.isBlank()) {
      return FakeOvhAnswer.badRequest("Missing parameter(s): domain");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("subDomain", "ownercheck");
    body.put("fieldType", "TXT");
    body.put("fieldValue", service.token(domain));
    return FakeOvhAnswer.json(body);
  }

  private String now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.ofHours(1))
        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }
}
