package dev.hostkeep.dns.replicate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostkeep.core.state.RecordKey;
import dev.hostkeep.core.state.StateStore;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the state store remembers of one replicated zone: the RRsets replication owns on the target
 * (the ownership registry: nothing else there is ever changed), the source serial last seen and the
 * one last replicated, and the last error. One row per zone, so a zone's ownership changes in one
 * write.
 */
final class ZoneMemory {
  static final String CAPABILITY = "replicate";
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setSerializationInclusion(JsonInclude.Include.NON_NULL)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /**
   * @param owned keys ({@code www.example.com. A}) of the RRsets replication put on the target
   * @param sourceSerial the source's SOA serial at the last read
   * @param replicatedSerial the source serial the target was last brought in line with
   * @param replicatedAt when that was (ISO-8601)
   * @param behindSince since when the target has been behind the source, if it is
   * @param lastError why the last attempt failed, if it did
   */
  record Row(
      List<String> owned,
      Long sourceSerial,
      Long replicatedSerial,
      String replicatedAt,
      String behindSince,
      String lastError) {
    static final Row EMPTY = new Row(List.of(), null, null, null, null, null);

    Row {
      owned = owned == null ? List.of() : List.copyOf(new TreeSet<>(owned));
    }

    Set<String> ownedSet() {
      return new TreeSet<>(owned);
    }
  }

  private final StateStore state;

  ZoneMemory(StateStore state) {
    this.state = state;
  }

  Row read(String target) {
    return state.get(key(target)).map(stored -> parse(stored.value())).orElse(Row.EMPTY);
  }

  void write(String target, Row row) {
    try {
      state.put(key(target), JSON.writeValueAsString(row));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write replication state as JSON", e);
    }
  }

  private static Row parse(String text) {
    try {
      return JSON.readValue(text, Row.class);
    } catch (JsonProcessingException e) {
      return Row.EMPTY; // unreadable: ownership is rebuilt by adopt, never guessed
    }
  }

  Optional<Row> find(String target) {
    return state.get(key(target)).map(stored -> parse(stored.value()));
  }

  private static RecordKey key(String target) {
    return new RecordKey(CAPABILITY, target, "zone");
  }
}
