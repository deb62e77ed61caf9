package dev.hostkeep.backup.repo;

import com.fasterxml.jackson.annotation.JsonInclude;
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
}
