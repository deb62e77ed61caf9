package dev.hostkeep.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One answer of {@link FakeCloudflare}: a status, a body and its content type, extra headers. JSON
 * answers use Cloudflare's envelope {@code {"success", "errors", "messages", "result"}}.
 */
record FakeCloudflareAnswer(
    int status, String body, String contentType, Map<String, String> headers)
    implements FakeReply<FakeCloudflareAnswer> {

  static FakeCloudflareAnswer result(Object result) {
    return envelope(200, true, List.of(), result, null);
  }

  static FakeCloudflareAnswer page(List<?> results) {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("page", 1);
    info.put("per_page", Math.max(results.size(), 20));
    info.put("count", results.size());
    info.put("total_count", results.size());
    info.put("total_pages", 1);
    return envelope(200, true, List.of(), results, info);
  }

  /** A failure as Cloudflare sends it: {@code errors: [{code, message}]}, {@code result: null}. */
  static FakeCloudflareAnswer error(int status, int code, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    return envelope(status, false, List.of(error), null, null);
  }

  static FakeCloudflareAnswer noRoute() {
    return error(400, 7000, "No route for that URI");
  }

  /** What Cloudflare's edge serves when the API behind it does not answer. */
  static FakeCloudflareAnswer edgePage(int status) {
    return new FakeCloudflareAnswer(
        status,
        "<!DOCTYPE html>\n<html><head><title>api.cloudflare.com | "
            + status
            + ": Connection timed out</title></head><body><h1>Error "
            + status
            + "</h1><p>Connection timed out</p></body></html>",
        "text/html; charset=UTF-8",
        Map.of());
  }

  private static FakeCloudflareAnswer envelope(
      int status, boolean success, List<?> errors, Object result, Map<String, Object> info) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("result", result);
    if (info != null) {
      body.put("result_info", info);
    }
    body.put("success", success);
    body.put("errors", errors);
    body.put("messages", List.of());
    return new FakeCloudflareAnswer(status, FakeOvhJson.write(body), "application/json", Map.of());
  }

  @Override
  public FakeCloudflareAnswer withHeader(String name, String value) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put(name, value);
    return new FakeCloudflareAnswer(status, body, contentType, all);
  }
}
