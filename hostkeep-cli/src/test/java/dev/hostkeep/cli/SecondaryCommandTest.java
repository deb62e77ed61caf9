package dev.hostkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecondaryCommandTest {
  @TempDir Path dir;
  Path served;
  Path state;

  @BeforeEach
  void folders() throws IOException {
    served = Files.createDirectory(dir.resolve("served"));
    state = dir.resolve("state.db");
  }

  private Path config(String zones) throws IOException {
    Path file = dir.resolve("hostkeep.yaml");
    Files.writeString(
        file,
        "state: sqlite:"
            + state
            + "\nproviders:\n  secondary-dns:\n    type: test-folder-secondary\n"
            + "secondary:\n  - name: main\n    source:\n      list: ["
            + zones
            + "]\n    targets:\n      - { provider: secondary-dns, path: '"
            + served
            + "' }\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  private Path folderConfig(Path zones) throws IOException {
    Path file = dir.resolve("folder.yaml");
    Files.writeString(
        file,
        "state: sqlite:"
            + state
            + "\nproviders:\n  secondary-dns:\n    type: test-folder-secondary\n"
            + "secondary:\n  - name: main\n    source:\n      zone_dir: '"
            + zones
            + "'\n    targets:\n      - { provider: secondary-dns, path: '"
            + served
            + "' }\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  private List<String> served() throws IOException {
    try (Stream<Path> files = Files.list(served)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void syncReportsWhatChangedAndIsSilentWhenNothingDid() throws IOException {
    Path config = config("a.test, B.Test., c.test");

    Cli.Result first = Cli.run("secondary", "sync", "-c", config.toString());
    Cli.Result second = Cli.run("secondary", "sync", "-c", config.toString());

    assertThat(first.exitCode()).as(first.all()).isZero();
    assertThat(first.out().lines().toList())
        .containsExactly(
            "main/folder:served: + a.test",
            "main/folder:served: + b.test",
            "main/folder:served: + c.test");
    assertThat(served()).containsExactly("a.test", "b.test", "c.test");
    assertThat(second.exitCode()).isZero();
    assertThat(second.all()).isEmpty();
  }

  @Test
  void dryRunShowsThePlanAndWritesNothing() throws IOException {
    Path config = config("a.test, b.test");

    Cli.Result result = Cli.run("secondary", "sync", "--dry-run", "-c", config.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("+ zone  a.test").contains("+ zone  b.test");
    assertThat(served()).isEmpty();
    assertThat(state).doesNotExist();
  }

  @Test
  void statusShowsConfirmedZonesPerTarget() throws IOException {
    Path config = config("a.test, b.test");
    Cli.run("secondary", "sync", "-c", config.toString());

    Cli.Result result = Cli.run("secondary", "status", "-c", config.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).containsPattern("main/folder:served\\s+2\\s+20\\d\\d-");
  }

  @Test
  void anEmptySourceIsRefusedAndNothingIsRemoved() throws IOException {
    Cli.run("secondary", "sync", "-c", config("a.test, b.test").toString());

    Cli.Result result = Cli.run("secondary", "sync", "-c", config("").toString());

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.out()).contains("this would empty the target");
    assertThat(served()).containsExactly("a.test", "b.test");
  }

  @Test
  void unknownEntryNameGetsASuggestion() throws IOException {
    Cli.Result result = Cli.run("secondary", "sync", "mian", "-c", config("a.test").toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("no secondary entry named 'mian' (did you mean 'main'?)");
  }

  @Test
  void secondaryAppearsInPlanAndStatus() throws IOException {
    Path config = config("a.test");

    assertThat(Cli.run("plan", "-c", config.toString()).out()).contains("+ zone  a.test");
    Cli.run("apply", "--yes", "-c", config.toString());
    assertThat(Cli.run("status", "-c", config.toString()).out()).contains("secondary");
  }

  @Test
  void unmountedZoneFolderFailsAndRemovesNothing() throws IOException {
    Path zones = Files.createDirectory(dir.resolve("zones"));
    Files.writeString(zones.resolve("a.test.db"), "");
    Files.writeString(zones.resolve("a.test.db.jnl"), "");
    Path config = folderConfig(zones);
    assertThat(Cli.run("secondary", "sync", "-c", config.toString()).exitCode()).isZero();
    assertThat(served()).containsExactly("a.test");
    Files.delete(zones.resolve("a.test.db"));
    Files.delete(zones.resolve("a.test.db.jnl"));
    Files.delete(zones);

    Cli.Result result = Cli.run("secondary", "sync", "-c", config.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains(zones.toString());
    assertThat(served()).containsExactly("a.test");
  }

  @Test
  void emptyZoneFolderIsRefusedByTheGuard() throws IOException {
    Path zones = Files.createDirectory(dir.resolve("zones"));
    Files.writeString(zones.resolve("a.test.db"), "");
    Path config = folderConfig(zones);
    Cli.run("secondary", "sync", "-c", config.toString());
    Files.delete(zones.resolve("a.test.db"));

    Cli.Result result = Cli.run("secondary", "sync", "-c", config.toString());

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(served()).containsExactly("a.test");
  }

  @Test
  void aLargeSyncReportsTheFirstHundredChangesAndCountsTheRest() throws IOException {
    StringBuilder zones = new StringBuilder();
    for (int i = 0; i < 150; i++) {
      zones.append(i == 0 ? "" : ", ").append("z").append(i).append(".test");
    }

    Cli.Result result = Cli.run("secondary", "sync", "-c", config(zones.toString()).toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out().lines().toList())
        .hasSize(101)
        .last()
        .isEqualTo("150 changes applied in all; 50 more not listed (--json lists every change).");
    assertThat(served()).hasSize(150);
  }

  @Test
  void aCatalogWrittenAsAZoneFileLoadsAndIsReloaded() throws Exception {
    Path catalog = dir.resolve("catalog.test.db");
    Path reloaded = dir.resolve("reloaded");
    Path file = dir.resolve("catalog.yaml");
    Files.writeString(
        file,
        "state: sqlite:"
            + state
            + "\nsecondary:\n  - name: cat\n    source: { list: [a.test, b.test] }\n"
            + "    targets:\n      - { catalog: catalog.test, catalog_file: '"
            + catalog
            + "', reload: 'touch "
            + reloaded
            + "' }\n");

    Cli.Result run = Cli.run("secondary", "sync", "-c", file.toString());

    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(reloaded).exists();
    String zone = Files.readString(catalog);
    assertThat(zone).contains("version", "\"2\"", "a.test.", "b.test.");
    Process check =
        new ProcessBuilder(
                dev.hostkeep.testkit.Binaries.require("named-checkzone").toString(),
                "catalog.test",
                catalog.toString())
            .redirectErrorStream(true)
            .start();
    String checked = new String(check.getInputStream().readAllBytes());
    assertThat(check.waitFor()).as(checked).isZero();
  }
}
