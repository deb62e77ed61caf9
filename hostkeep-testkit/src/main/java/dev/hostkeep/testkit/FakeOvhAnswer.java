package dev.hostkeep.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

/** One answer of {@link FakeOvh}: a status, a body and its content type, extra headers. */
record FakeOvhAnswer(int status, String body, String contentType, Map<String, String> headers)
    implements FakeReply<FakeOvhAnswer> {

  static FakeOvhAnswer json(Object value) {
    return new FakeOvhAnswer(200, FakeOvhJson.write(value), "application/json", Map.of());
  }

  /** OVH's error shape: {@code {"class": ..., "message": ...}}. */
  static FakeOvhAnswer error(int status, String ovhClass, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("class", ovhClass);
    body.put("message", message);
    return new FakeOvhAnswer(status, FakeOvhJson.write(body), "application/json", Map.of());
  }

  /** A 403 as OVH sends it, with an {@code errorCode}. */
  static FakeOvhAnswer forbidden(String errorCode, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("class", "Client::Forbidden");
    body.put("message", message);
    body.put("errorCode", errorCode);
    body.put("httpCode", "403 Forbidden");
    return new FakeOvhAnswer(403, FakeOvhJson.write(body), "application/json", Map.of());
  }

  static FakeOvhAnswer badRequest(String message) {
    return error(400, "Client::BadRequest", message);
  }

  static FakeOvhAnswer notFound(String message) {
    return error(404, "Client::NotFound", message);
  }

  static FakeOvhAnswer noSuchService() {
    return notFound("This service does not exist");
  }

  /** A proxy's HTML page instead of OVH's JSON. */
  static FakeOvhAnswer proxyPage(int status) {
    return new FakeOvhAnswer(
        status, FakeFaults.proxyPage(status), "text/html; charset=utf-8", Map.of());
  }

  static FakeOvhAnswer invalidUrl() {
    return notFound("Got an invalid (or empty) URL");
  }

  @Override
  public FakeOvhAnswer withHeader(String name, String value) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put(name, value);
    return new FakeOvhAnswer(status, body, contentType, all);
  }
}
