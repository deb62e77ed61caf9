package dev.hostkeep.testkit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** The {@code /zones} and {@code /zones/{id}/dns_records} calls of {@link FakeCloudflare}. */
final class FakeCloudflareApi {
  private static final Pattern IPV4 =
      Pattern.compile(
          "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

  private final Map<String, FakeCloudflareZone> byId = new ConcurrentHashMap<>();
  private final Map<String, FakeCloudflareZone> byName = new ConcurrentHashMap<>();

  FakeCloudflareZone add(String name) {
    FakeCloudflareZone zone = new FakeCloudflareZone(name);
    if (byName.putIfAbsent(name, zone) != null) {
      throw new IllegalArgumentException("zone " + name + " exists already");
    }
    byId.put(zone.id(), zone);
    return zone;
  }

  void remove(String name) {
    FakeCloudflareZone zone = byName.remove(name);
    if (zone != null) {
      byId.remove(zone.id());
    }
  }

  FakeCloudflareZone zone(String name) {
    return byName.get(name);
  }

  FakeCloudflareAnswer handle(FakeOvhCall call) {
    List<String> path = call.segments();
    if (path.isEmpty() || !path.get(0).equals("zones")) {
      return FakeCloudflareAnswer.noRoute();
    }
    if (path.size() == 1) {
      return call.method().equals("GET") ? zones(call) : FakeCloudflareAnswer.noRoute();
    }
    FakeCloudflareZone zone = byId.get(path.get(1));
    if (zone == null) {
      return FakeCloudflareAnswer.error(
          404,
          7003,
          "Could not route to /zones/"
              + path.get(1)
              + ", perhaps your object identifier is invalid?");
    }
    if (path.size() == 2) {
      return call.method().equals("GET")
          ? FakeCloudflareAnswer.result(json(zone))
          : FakeCloudflareAnswer.noRoute();
    }
    if (!path.get(2).equals("dns_records") || path.size() > 4) {
      return FakeCloudflareAnswer.noRoute();
    }
    try {
      return path.size() == 3 ? records(call, zone) : record(call, zone, path.get(3));
    } catch (IllegalArgumentException e) {
      return FakeCloudflareAnswer.error(400, 9207, "Request body is invalid.");
    }
  }

  private FakeCloudflareAnswer zones(FakeOvhCall call) {
    String name = call.query().get("name");
    return FakeCloudflareAnswer.page(
        byName.values().stream()
            .filter(z -> name == null || z.name().equals(name))
            .map(FakeCloudflareApi::json)
            .toList());
  }

  private static FakeCloudflareAnswer records(FakeOvhCall call, FakeCloudflareZone zone) {
    if (call.method().equals("GET")) {
      Map<String, String> query = call.query();
      String name = query.getOrDefault("name.exact", query.get("name"));
      return FakeCloudflareAnswer.page(
          zone.find(query.get("type"), name).stream().map(r -> json(zone, r)).toList());
    }
    if (!call.method().equals("POST")) {
      return FakeCloudflareAnswer.noRoute();
    }
    Map<String, Object> body = call.object();
    if (!(body.get("type") instanceof String type)) {
      return FakeCloudflareAnswer.error(400, 9004, "DNS record type is invalid.");
    }
    if (!(body.get("name") instanceof String name) || name.isBlank()) {
      return FakeCloudflareAnswer.error(400, 9007, "DNS name is invalid.");
    }
    if (!(body.get("content") instanceof String content)) {
      return FakeCloudflareAnswer.error(400, 9005, "Content for " + type + " record is invalid.");
    }
    long ttl = body.get("ttl") instanceof Long given ? given : 1;
    boolean proxied = Boolean.TRUE.equals(body.get("proxied"));
    Optional<FakeCloudflareAnswer> invalid = validate(type, content, ttl);
    if (invalid.isPresent()) {
      return invalid.get();
    }
    if (zone.cnameClash(name, type, content)) {
      return FakeCloudflareAnswer.error(
          400, 81053, "An A, AAAA, or CNAME record with that host already exists.");
    }
    return zone.create(name, type, content, ttl, proxied)
        .map(r -> FakeCloudflareAnswer.result(json(zone, r)))
        .orElseGet(FakeCloudflareApi::identical);
  }

  private static FakeCloudflareAnswer record(
      FakeOvhCall call, FakeCloudflareZone zone, String recordId) {
    Optional<FakeCloudflareZone.Record> found = zone.record(recordId);
    if (found.isEmpty()) {
      return FakeCloudflareAnswer.error(404, 81044, "Record does not exist.");
    }
    FakeCloudflareZone.Record old = found.get();
    return switch (call.method()) {
      case "GET" -> FakeCloudflareAnswer.result(json(zone, old));
      case "DELETE" -> {
        zone.delete(recordId);
        yield FakeCloudflareAnswer.result(Map.of("id", recordId));
      }
      case "PATCH", "PUT" -> change(call, zone, old);
      default -> FakeCloudflareAnswer.noRoute();
    };
  }

  private static FakeCloudflareAnswer change(
      FakeOvhCall call, FakeCloudflareZone zone, FakeCloudflareZone.Record old) {
    Map<String, Object> body = call.object();
    boolean patch = call.method().equals("PATCH");
    String content = body.get("content") instanceof String c ? c : patch ? old.content() : null;
    if (content == null) {
      return FakeCloudflareAnswer.error(
          400, 9005, "Content for " + old.type() + " record is invalid.");
    }
    long ttl = body.get("ttl") instanceof Long t ? t : patch ? old.ttl() : 1;
    boolean proxied = body.get("proxied") instanceof Boolean p ? p : patch ? old.proxied() : false;
    String name = body.get("name") instanceof String n ? zone.absolute(n) : old.name();
    Optional<FakeCloudflareAnswer> invalid = validate(old.type(), content, ttl);
    if (invalid.isPresent()) {
      return invalid.get();
    }
    FakeCloudflareZone.Record changed =
        new FakeCloudflareZone.Record(old.id(), name, old.type(), content, ttl, proxied);
    return zone.replace(changed)
        .map(r -> FakeCloudflareAnswer.result(json(zone, r)))
        .orElseGet(FakeCloudflareApi::identical);
  }

  private static FakeCloudflareAnswer identical() {
    return FakeCloudflareAnswer.error(400, 81058, "An identical record already exists.");
  }

  private static Optional<FakeCloudflareAnswer> validate(String type, String content, long ttl) {
    if (ttl != 1 && (ttl < 60 || ttl > 86400)) {
      return Optional.of(
          FakeCloudflareAnswer.error(
              400, 9021, "Invalid TTL. Must be between 60 and 86400 seconds, or 1 for Automatic."));
    }
    boolean ok =
        switch (type) {
          case "A" -> IPV4.matcher(content).matches();
          case "AAAA" ->
              content.contains(":") && IPV6.matcher(content).matches() && parses(content);
          default -> !content.isBlank();
        };
    if (!ok) {
      String what = type.equals("A") ? "IPv4" : type.equals("AAAA") ? "IPv6" : type;
      return Optional.of(
          FakeCloudflareAnswer.error(
              400,
              9005,
              "Content for " + type + " record is invalid. Must be a valid " + what + " address."));
    }
    return Optional.empty();
  }

  private static boolean parses(String literal) {
    try {
      InetAddress.getByName(literal);
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static Map<String, Object> json(FakeCloudflareZone zone) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", zone.id());
    body.put("name", zone.name());
    body.put("status", "active");
    body.put("paused", false);
    body.put("type", "full");
    body.put("name_servers", List.of("ada.ns.cloudflare.com", "bob.ns.cloudflare.com"));
    return body;
  }

  private static Map<String, Object> json(FakeCloudflareZone zone, FakeCloudflareZone.Record r) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", r.id());
    body.put("zone_id", zone.id());
    body.put("zone_name", zone.name());
    body.put("name", r.name());
    body.put("type", r.type());
    body.put("content", r.content());
    body.put("proxiable", r.type().equals("A") || r.type().equals("AAAA"));
    body.put("proxied", r.proxied());
    body.put("ttl", r.proxied() ? 1 : r.ttl());
    body.put("locked", false);
    body.put("meta", Map.of("auto_added", false, "source", "primary"));
    body.put("comment", null);
    body.put("tags", List.of());
    body.put("created_on", "2026-01-01T00:00:00.000000Z");
    body.put("modified_on", "2026-01-01T00:00:00.000000Z");
    return body;
  }
}
