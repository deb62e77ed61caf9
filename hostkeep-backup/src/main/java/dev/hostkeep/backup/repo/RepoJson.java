package dev.hostkeep.backup.repo;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The JSON settings every repository file shares: restic's field names, unknown fields kept out.
 */
final class RepoJson {
  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private RepoJson() {}

  static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
    }
  }

  static <T> T read(byte[] json, Class<T> type, String what) {
    try {
      return MAPPER.readValue(json, type);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new RepositoryException(what + " is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new RepositoryException(what + " cannot be read: " + e.getMessage());
    }
  }

  /** Fails with the parser's position unless {@code token} is {@code wanted}, {@code what} is. */
  static void expect(JsonToken token, JsonToken wanted, JsonParser in, String what)
      throws IOException {
    if (token != wanted) {
      throw new IOException("expected " + what + " at " + in.currentLocation());
    }
  }

  /** Reads one object, the parser at its {@code START_OBJECT}, up to its {@code END_OBJECT}. */
  @FunctionalInterface
  interface ObjectReader<T> {
    T read(JsonParser in) throws IOException;
  }

  /**
   * The list of objects {@code value} starts, each read by {@code reader}, or {@code null} for a
   * JSON {@code null}; anything else fails naming {@code what} an element is.
   */
  static <T> java.util.List<T> objects(
      JsonParser in, JsonToken value, String what, ObjectReader<T> reader) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    expect(value, JsonToken.START_ARRAY, in, "a list of " + what + "s");
    java.util.List<T> list = new java.util.ArrayList<>();
    for (JsonToken token = in.nextToken(); token != JsonToken.END_ARRAY; token = in.nextToken()) {
      expect(token, JsonToken.START_OBJECT, in, "a " + what);
      list.add(reader.read(in));
    }
    return list;
  }

  /**
   * A number field as data binding reads one into a {@code long}: null is 0, a string of digits
   * counts.
   */
  static long number(JsonParser in, JsonToken value) throws IOException {
    return switch (value) {
      case VALUE_NULL -> 0;
      case VALUE_NUMBER_INT -> in.getLongValue();
      case VALUE_STRING -> {
        try {
          yield Long.parseLong(in.getText().strip());
        } catch (NumberFormatException e) {
          throw new IOException("expected a number at " + in.currentLocation());
        }
      }
      default -> throw new IOException("expected a number at " + in.currentLocation());
    };
  }
}
