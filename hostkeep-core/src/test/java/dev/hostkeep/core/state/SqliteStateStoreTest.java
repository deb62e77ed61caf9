package dev.hostkeep.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostkeep.core.HostkeepException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStateStoreTest extends StateStoreContract {
  @TempDir Path dir;
  private int count;

  @Override
  String newSpec() {
    return "sqlite:" + dir.resolve("state-" + ++count + ".db");
  }

  @Override
  Connection rawConnection(String spec) throws SQLException {
    return DriverManager.getConnection(StateSpec.parse(spec).jdbcUrl());
  }

  @Test
  void readOnlyOpeningChangesNoByteOfTheState() throws Exception {
    store.put(key("a"), "1");
    store.lock("ddns", Duration.ZERO).close();
    store.close();
    Path file = StateSpec.parse(spec).sqlitePath();
    byte[] bytes = Files.readAllBytes(file);
    FileTime modified = Files.getLastModifiedTime(file);
    List<String> files = listing();

    try (StateStore readOnly = StateStores.openReadOnly(spec, clock)) {
      assertThat(readOnly.get(key("a"))).isPresent();
      assertThat(readOnly.journal(null, 10)).isEmpty();
      assertThat(readOnly.latestRuns()).isEmpty();
      assertThat(readOnly.locks()).isEmpty();
    }

    assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(modified);
    assertThat(listing()).isEqualTo(files);
  }

  @Test
  void readOnlyOpeningBesideALiveWriterSeesItsCommitsAndAddsNoFile() throws IOException {
    store.put(key("a"), "1");
    List<String> files = listing();

    try (StateStore readOnly = StateStores.openReadOnly(spec, clock)) {
      assertThat(readOnly.get(key("a"))).isPresent();
      store.put(key("b"), "2");
      assertThat(readOnly.get(key("b"))).map(StoredRecord::value).contains("2");
    }

    assertThat(listing()).isEqualTo(files);
  }

  @Test
  void readOnlyOpeningOfMissingStateCreatesNothing() throws IOException {
    String missing = "sqlite:" + dir.resolve("not/yet/state.db");

    try (StateStore readOnly = StateStores.openReadOnly(missing, clock)) {
      assertThat(readOnly.get(key("a"))).isEmpty();
      assertThat(readOnly.location()).isEqualTo(missing);
    }

    assertThat(dir.resolve("not")).doesNotExist();
  }

  @Test
  void openCreatesPrivateFoldersAndFile() throws IOException {
    Path file = dir.resolve("a/b/state.db");

    open(file.toString()).put(key("a"), "1");

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a"))))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b"))))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void unwritableLocationFailsWithTheLocationAndWhatToDo() throws IOException {
    Files.writeString(dir.resolve("plain-file"), "not a folder");
    String inside = "sqlite:" + dir.resolve("plain-file/state.db");

    assertThatThrownBy(() -> open(inside))
        .isInstanceOf(HostkeepException.class)
        .hasMessageContaining("cannot create the state file " + inside)
        .hasMessageContaining("set 'state:' in the config");
  }

  private List<String> listing() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
