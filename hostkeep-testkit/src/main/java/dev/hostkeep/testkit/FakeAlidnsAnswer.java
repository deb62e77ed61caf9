package dev.hostkeep.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** One answer of {@link FakeAlidns}: a status, a body and its content type, extra headers. */
record FakeAlidnsAnswer(
    int status, String body, String contentType, Map<String, String> headers, String code)
    implements FakeReply<FakeAlidnsAnswer> {

  /** A success: {@code fields} plus a {@code RequestId}. */
  static FakeAlidnsAnswer ok(Map<String, Object> fields) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("RequestId", requestId());
    body.putAll(fields);
    return new FakeAlidnsAnswer(200, FakeOvhJson.write(body), "application/json", Map.of(), null);
  }

  /** Aliyun's error shape: {@code RequestId}, {@code HostId}, {@code Code}, {@code Message}. */
  static FakeAlidnsAnswer error(int status, String code, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("RequestId", requestId());
    body.put("HostId", "alidns.aliyuncs.com");
    body.put("Code", code);
    body.put("Message", message);
    body.put("Recommend", "https://api.aliyun.com/troubleshoot?q=" + code + "&product=Alidns");
    return new FakeAlidnsAnswer(
        status, FakeOvhJson.write(body), "application/json;charset=utf-8", Map.of(), code);
  }

  static FakeAlidnsAnswer badRequest(String code, String message) {
    return error(400, code, message);
  }

  /** Throttling as Alidns says it, with {@code status} (its own 400, or a gateway's 429). */
  static FakeAlidnsAnswer throttled(int status) {
    return error(status, "Throttling.User", "Request was denied due to user flow control.");
  }

  /** A server failure: 503 ServiceUnavailable, any other status InternalError. */
  static FakeAlidnsAnswer failed(int status) {
    return status == 503
        ? error(503, "ServiceUnavailable", "The request has failed due to a temporary failure.")
        : error(
            status,
            "InternalError",
            "The request processing has failed due to some unknown error.");
  }

  static FakeAlidnsAnswer html(int status) {
    return new FakeAlidnsAnswer(
        status, FakeFaults.proxyPage(status), "text/html; charset=utf-8", Map.of(), null);
  }

  @Override
  public FakeAlidnsAnswer withHeader(String name, String value) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put(name, value);
    return new FakeAlidnsAnswer(status, body, contentType, all, code);
  }

  private static String requestId() {
    return UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT);
  }
}
