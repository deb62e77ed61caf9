package dev.hostkeep.testkit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One authenticated API call as the routes of {@link FakeOvh} (and {@link FakeCloudflare}) see it:
 * the method, the path below the API prefix split into decoded segments, the query parameters and
 * the body.
 */
record FakeOvhCall(String method, List<String> segments, Map<String, String> query, String body) {

  static FakeOvhCall of(String method, String rawPath, String rawQuery, String body) {
    List<String> segments = new ArrayList<>();
    for (String part : rawPath.split("/")) {
      if (!part.isEmpty()) {
        segments.add(URLDecoder.decode(part, StandardCharsets.UTF_8));
      }
    }
    Map<String, String> query = new LinkedHashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        String key = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        query.put(
            URLDecoder.decode(key, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      }
    }
    return new FakeOvhCall(method, List.copyOf(segments), Map.copyOf(query), body);
  }

  int size() {
    return segments.size();
  }

  String segment(int index) {
    return segments.get(index);
  }

  /** The body as a JSON object; throws {@link IllegalArgumentException} if it is not one. */
  @SuppressWarnings("unchecked")
  Map<String, Object> object() {
    Object parsed = FakeOvhJson.parse(body.isBlank() ? "{}" : body);
    if (!(parsed instanceof Map<?, ?>)) {
      throw new IllegalArgumentException("the body must be a JSON object");
    }
    return (Map<String, Object>) parsed;
  }
}
