package dev.hostkeep.backup.site;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.hostkeep.core.state.RecordKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * What the state store remembers of one part: its last attempt, its last success and what that
 * made, and the last error (cleared by the next success). {@code backup status} reads only these,
 * so it answers without touching a repository.
 *
 * @param lastAttempt when the last run of the part started
 * @param lastSuccess when the last successful run started, or null
 * @param snapshot the id of the snapshot the last success made
 * @param size the bytes the last success backed up (the dump's size, the folder's)
 * @param added the bytes the last success added to the repository after deduplication
 * @param durationMillis how long the last success took
 * @param revision the site's deployed revision at the last success, when the site names one
 * @param lastError why the last attempt failed, or null when it succeeded
 */
public record PartRecord(
    Instant lastAttempt,
    Instant lastSuccess,
    String snapshot,
    long size,
    long added,
    long durationMillis,
    String revision,
    String lastError) {
  public static final String CAPABILITY = "backup";
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** The stored form: times as ISO-8601 text. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  private record Stored(
      @JsonProperty("last_attempt") String lastAttempt,
      @JsonProperty("last_success") String lastSuccess,
      @JsonProperty("snapshot") String snapshot,
      @JsonProperty("size") long size,
      @JsonProperty("added") long added,
      @JsonProperty("duration_ms") long durationMillis,
      @JsonProperty("revision") String revision,
      @JsonProperty("last_error") String lastError) {}

  public static RecordKey key(String site, String part) {
    return new RecordKey(CAPABILITY, site, part);
  }

  /** This record after a failed attempt: the last success stays as it was. */
  public PartRecord failed(Instant at, String error) {
    return new PartRecord(at, lastSuccess, snapshot, size, added, durationMillis, revision, error);
  }

  public static PartRecord none() {
    return new PartRecord(null, null, null, 0, 0, 0, null, null);
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(
          new Stored(
              text(lastAttempt),
              text(lastSuccess),
              snapshot,
              size,
              added,
              durationMillis,
              revision,
              lastError));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a stored record; one that cannot be read (a newer format, damage) counts as none. */
  public static PartRecord fromJson(String json) {
    try {
      Stored stored = JSON.readValue(json, Stored.class);
      return new PartRecord(
          instant(stored.lastAttempt()),
          instant(stored.lastSuccess()),
          stored.snapshot(),
          stored.size(),
          stored.added(),
          stored.durationMillis(),
          stored.revision(),
          stored.lastError());
    } catch (IOException | java.time.format.DateTimeParseException e) {
      return none();
    }
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
