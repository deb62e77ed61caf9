package dev.hostkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan/apply loop through the real CLI, with the test-only folder capability as its target. */
class PlanApplyTest {
  @TempDir Path dir;
  Path web;
  Path state;

  @BeforeEach
  void folders() throws IOException {
    web = Files.createDirectory(dir.resolve("web"));
    state = dir.resolve("state").resolve("state.db");
  }

  private Path config(String files, String extra) throws IOException {
    Path file = dir.resolve("hostkeep.yaml");
    Files.writeString(
        file,
        "state: sqlite:"
            + state
            + "\n"
            + "test-folders:\n"
            + "  folders:\n"
            + "    - name: web\n"
            + "      path: "
            + web
            + "\n"
            + "      files: ["
            + files
            + "]\n"
            + extra);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  private void file(String name, String content) throws IOException {
    Files.writeString(web.resolve(name), content);
  }

  @Test
  void planListsExactlyTheChangesAndChangesNothing() throws IOException {
    file("a.txt", "stale");
    file("extra.txt", "hello");
    Path config = config("a.txt, b.txt", "");
    Map<String, String> before = snapshot(web);

    Cli.Result result = Cli.run("plan", "-c", config.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out().lines().filter(l -> l.startsWith("    ")).toList())
        .containsExactly(
            "    ~ file  a.txt      other content -> expected content",
            "    + file  b.txt      5 bytes",
            "    - file  extra.txt");
    assertThat(result.out())
        .contains("folder:web  1 to create, 1 to update, 1 to delete (2 now, 2 after)")
        .contains("Plan: 1 to create, 1 to update, 1 to delete.");
    assertThat(snapshot(web)).isEqualTo(before);
    assertThat(state).doesNotExist();
    assertThat(state.getParent()).doesNotExist();
  }

  @Test
  void planLeavesAnExistingStateUntouched() throws IOException {
    Path config = config("a.txt", "");
    assertThat(Cli.run("apply", "--yes", "-c", config.toString()).exitCode()).isZero();
    file("new.txt", "x");
    Map<String, String> stateBefore = snapshot(state.getParent());

    Cli.Result plan = Cli.run("plan", "-c", config.toString());
    Cli.Result status = Cli.run("status", "-c", config.toString());

    assertThat(plan.exitCode()).isZero();
    assertThat(plan.out()).contains("- file  new.txt");
    assertThat(status.exitCode()).isZero();
    assertThat(snapshot(state.getParent())).isEqualTo(stateBefore);
  }

  @Test
  void applyMakesTheTargetMatchAndRecordsTheRun() throws IOException {
    file("a.txt", "stale");
    file("extra.txt", "hello");
    Path config = config("a.txt, b.txt", "");

    Cli.Result result = Cli.run("apply", "--yes", "-c", config.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("test-folders: applied 3 changes.");
    assertThat(Files.readString(web.resolve("a.txt"))).isEqualTo("hello");
    assertThat(Files.readString(web.resolve("b.txt"))).isEqualTo("hello");
    assertThat(web.resolve("extra.txt")).doesNotExist();
    Cli.Result again = Cli.run("plan", "-c", config.toString());
    assertThat(again.out()).contains("No changes: everything is as configured.");
    Cli.Result status = Cli.run("status", "--json", "-c", config.toString());
    assertThat(status.out())
        .contains("\"capability\" : \"test-folders\"")
        .contains("\"result\" : \"applied\"")
        .contains("\"applied\" : 3");
  }

  @Test
  void applyWithoutYesRefusesWhenNobodyCanConfirm() throws IOException {
    Path config = config("a.txt", "");

    Cli.Result result = Cli.run("apply", "-c", config.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("refusing to apply without --yes");
    assertThat(web.resolve("a.txt")).doesNotExist();
  }

  @Test
  void guardRefusesAMassDeletionUntilForced() throws IOException {
    for (int i = 0; i < 10; i++) {
      file("f" + i, "hello");
    }
    Path config = config("f0, f1, f2, f3, f4", "");

    Cli.Result refused = Cli.run("apply", "--yes", "-c", config.toString());

    assertThat(refused.exitCode()).isEqualTo(3);
    assertThat(refused.out())
        .contains("guard: folder:web: this would delete or rewrite 5 of 10 items (50 %")
        .contains("the guard refused the plan; nothing was changed");
    assertThat(list(web)).hasSize(10);

    Cli.Result forced = Cli.run("apply", "--yes", "--force", "-c", config.toString());

    assertThat(forced.exitCode()).isZero();
    assertThat(list(web)).containsExactly("f0", "f1", "f2", "f3", "f4");
  }

  @Test
  void theTopLevelGuardSectionSetsTheShareCapabilitiesUse() throws IOException {
    for (int i = 0; i < 10; i++) {
      file("f" + i, "hello");
    }
    Path config = config("f0, f1, f2, f3, f4", "");
    Files.writeString(config, Files.readString(config) + "guard:\n  max_share: 60%\n");

    Cli.Result result = Cli.run("apply", "--yes", "-c", config.toString());

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(list(web)).containsExactly("f0", "f1", "f2", "f3", "f4");
  }

  @Test
  void guardRefusesToEmptyATarget() throws IOException {
    file("a.txt", "hello");
    file("b.txt", "hello");
    Path config = config("", "");

    Cli.Result result = Cli.run("apply", "--yes", "-c", config.toString());

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.out()).contains("this would empty the target");
    assertThat(list(web)).containsExactly("a.txt", "b.txt");
  }

  @Test
  void oneFailingChangeFailsAloneAndStaysPending() throws IOException {
    Path config = config("a.txt, b.txt, c.txt", "      fail: [b.txt]\n");

    Cli.Result result = Cli.run("apply", "--yes", "-c", config.toString());

    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.out())
        .contains(
            "FAILED  folder:web: + file b.txt: cannot write "
                + web.resolve("b.txt")
                + " ('hello'): injected failure")
        .contains("2 applied, 1 failed (they stay pending and are retried next run)");
    assertThat(list(web)).containsExactly("a.txt", "c.txt");
    Cli.Result plan = Cli.run("plan", "-c", config.toString());
    assertThat(plan.out()).contains("+ file  b.txt").doesNotContain("a.txt");
  }

  @Test
  void unknownCapabilityGetsTheClosestName() throws IOException {
    Path config = config("a.txt", "");

    Cli.Result result = Cli.run("plan", "test-folder", "-c", config.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("unknown capability 'test-folder' (did you mean 'test-folders'?)");
  }

  private static List<String> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Every file below {@code dir} with its size, modification time and content hash. */
  private static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.filter(Files::isRegularFile).toList()) {
        FileTime modified = Files.getLastModifiedTime(path);
        byte[] bytes = Files.readAllBytes(path);
        files.put(
            dir.relativize(path).toString(),
            bytes.length + "@" + modified.toMillis() + "#" + java.util.Arrays.hashCode(bytes));
      }
    }
    return files;
  }
}
