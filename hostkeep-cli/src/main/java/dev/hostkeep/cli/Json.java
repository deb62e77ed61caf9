package dev.hostkeep.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hostkeep.core.config.Problem;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes the {@code --json} output: one JSON document per command on stdout. */
final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Json() {}

  static void print(PrintWriter out, Object value) {
    try {
      out.println(MAPPER.writeValueAsString(value));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON output", e);
    }
  }

  static List<Map<String, Object>> problems(List<Problem> problems) {
    return problems.stream()
        .map(
            p -> {
              Map<String, Object> json = new LinkedHashMap<>();
              json.put("severity", p.severity().name().toLowerCase());
              if (p.position() != null) {
                json.put("file", p.position().file());
                json.put("line", p.position().line());
                json.put("column", p.position().column());
              }
              json.put("message", p.message());
              return json;
            })
        .toList();
  }
}
