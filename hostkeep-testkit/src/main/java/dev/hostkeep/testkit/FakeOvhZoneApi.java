package dev.hostkeep.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** The {@code /domain/zone} calls: zones, records (staged until refresh), SOA. */
final class FakeOvhZoneApi {
  private final Map<String, FakeOvhZone> zones = new ConcurrentHashMap<>();

  FakeOvhZone add(String name) {
    FakeOvhZone zone = new FakeOvhZone(name);
    if (zones.putIfAbsent(name, zone) != null) {
      throw new IllegalArgumentException("zone " + name + " exists already");
    }
    return zone;
  }

  FakeOvhZone zone(String name) {
    return zones.get(name);
  }

  /** The answer for {@code call}, or null when the path is not a zone path. */
  FakeOvhAnswer handle(FakeOvhCall call) {
    List<String> path = call.segments();
    if (path.size() < 2 || !path.get(0).equals("domain") || !path.get(1).equals("zone")) {
      return null;
    }
    if (path.size() == 2) {
      return call.method().equals("GET")
          ? FakeOvhAnswer.json(new ArrayList<>(new TreeSet<>(zones.keySet())))
          : FakeOvhAnswer.invalidUrl();
    }
    FakeOvhZone zone = zones.get(path.get(2));
    if (zone == null) {
      return FakeOvhAnswer.noSuchService();
    }
    List<String> rest = path.subList(3, path.size());
    String route = call.method() + " " + (rest.isEmpty() ? "" : rest.get(0));
    try {
      return switch (route) {
        case "GET soa" -> soa(zone);
        case "POST refresh" -> {
          zone.refresh();
          yield FakeOvhAnswer.json(null);
        }
        case "GET record", "POST record", "PUT record", "DELETE record" ->
            rest.size() == 1 ? records(call, zone) : record(call, zone, rest.get(1));
        default -> FakeOvhAnswer.invalidUrl();
      };
    } catch (IllegalArgumentException e) {
      return FakeOvhAnswer.badRequest("Invalid JSON received: " + e.getMessage());
    }
  }

  private static FakeOvhAnswer records(FakeOvhCall call, FakeOvhZone zone) {
    if (call.method().equals("GET")) {
      return FakeOvhAnswer.json(
          zone.ids(call.query().get("fieldType"), call.query().get("subDomain")));
    }
    if (!call.method().equals("POST")) {
      return FakeOvhAnswer.invalidUrl();
    }
    Map<String, Object> body = call.object();
    if (!(body.get("fieldType") instanceof String type)
        || !(body.get("target") instanceof String target)) {
      return FakeOvhAnswer.badRequest("Missing parameter(s): fieldType, target");
    }
    String subDomain = body.get("subDomain") instanceof String s ? s : "";
    long ttl = body.get("ttl") instanceof Long given ? given : 0;
    return FakeOvhAnswer.json(json(zone.create(subDomain, type, target, ttl)));
  }

  private static FakeOvhAnswer record(FakeOvhCall call, FakeOvhZone zone, String idText) {
    long id;
    try {
      id = Long.parseLong(idText);
    } catch (NumberFormatException e) {
      return FakeOvhAnswer.badRequest("Invalid id: " + idText);
    }
    if (zone.record(id).isEmpty()) {
      return FakeOvhAnswer.notFound("The requested object (id = " + id + ") does not exist");
    }
    return switch (call.method()) {
      case "GET" -> FakeOvhAnswer.json(json(zone.record(id).get()));
      case "PUT" -> {
        Map<String, Object> body = call.object();
        zone.update(
            id,
            body.get("subDomain") instanceof String s ? s : null,
            body.get("target") instanceof String t ? t : null,
            body.get("ttl") instanceof Long ttl ? ttl : null);
        yield FakeOvhAnswer.json(null);
      }
      case "DELETE" -> {
        zone.delete(id);
        yield FakeOvhAnswer.json(null);
      }
      default -> FakeOvhAnswer.invalidUrl();
    };
  }

  private static FakeOvhAnswer soa(FakeOvhZone zone) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("server", "dns200.anycast.me.");
    body.put("email", "tech.ovh.net.");
    body.put("serial", zone.serial());
    body.put("refresh", 86400);
    body.put("expire", 3600000);
    body.put("nxDomainTtl", 86400);
    body.put("ttl", 86400);
    return FakeOvhAnswer.json(body);
  }

  private static Map<String, Object> json(FakeOvhZone.Record record) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", record.id());
    body.put("zone", record.zone());
    body.put("subDomain", record.subDomain());
    body.put("fieldType", record.fieldType());
    body.put("target", record.target());
    body.put("ttl", record.ttl());
    return body;
  }
}
