package dev.hostkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostkeep.testkit.Restic;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A prune killed with SIGKILL in each of its phases leaves a repository restic checks clean and
 * restores from, and the next prune finishes the job.
 */
class PruneKillTest {
  static final String PASSWORD = "prune kill";
  @TempDir static Path dir;
  static Path prepared;
  static Path data;
  static Path pass;

  /** Two snapshots sharing half their files; the first is forgotten, so its packs are half used. */
  @BeforeAll
  static void prepare() throws Exception {
    prepared = dir.resolve("prepared");
    data = dir.resolve("data");
    pass = dir.resolve("pass");
    Files.writeString(pass, PASSWORD + "\n");
    Files.createDirectories(data);
    Random random = new Random(4);
    byte[] file = new byte[6 << 20];
    for (int i = 1; i <= 6; i++) {
      random.nextBytes(file);
      Files.write(data.resolve("f" + i + ".bin"), file);
    }
    assertThat(repo(prepared, "init")).isZero();
    assertThat(repo(prepared, "backup", data.toString())).isZero();
    for (int i = 1; i <= 5; i += 2) {
      Files.delete(data.resolve("f" + i + ".bin"));
    }
    assertThat(repo(prepared, "backup", data.toString())).isZero();
    assertThat(repo(prepared, "forget", "--keep-last", "1")).isZero();
  }

  static int repo(Path repository, String... args) {
    String[] all = new String[args.length + 5];
    all[0] = "repo";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "-r";
    all[args.length + 2] = repository.toString();
    all[args.length + 3] = "--password-file";
    all[args.length + 4] = pass.toString();
    return Main.run(all);
  }

  @ParameterizedTest(name = "killed at: {0}")
  @ValueSource(
      strings = {
        "repacking .*",
        "writing the new index",
        "deleting \\d+ old index.*",
        "deleting \\d+ pack.*"
      })
  void aPruneKilledInAPhaseLeavesACleanRepository(String phase) throws Exception {
    Path repo = dir.resolve("repo-" + Math.abs(phase.hashCode()));
    copy(prepared, repo);

    Process prune =
        Cli.child(
                dir,
                "repo",
                "prune",
                "--max-unused",
                "0%",
                "-r",
                repo.toString(),
                "--password-file",
                pass.toString())
            .start();
    StringBuilder log = new StringBuilder();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(prune.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        log.append(line).append('\n');
        if (line.matches(phase)) {
          prune.destroyForcibly(); // SIGKILL: no shutdown hooks, nothing finished
          break;
        }
      }
    }
    assertThat(prune.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(log.toString()).as("the prune reached '%s'", phase).containsPattern(phase);
    if (!phase.startsWith("deleting \\d+ pack")) { // the last phase may finish before the kill
      assertThat(prune.exitValue()).as("killed, not finished\n%s", log).isEqualTo(137);
    }

    Restic restic = Restic.at(repo, PASSWORD);
    restic.run("unlock").orFail(); // the killed process's lock; hostkeep takes such locks over
    restic.run("check", "--read-data").orFail();
    Path target = dir.resolve("restored-" + Math.abs(phase.hashCode()));
    restic.run("restore", "latest", "--target", target.toString()).orFail();
    for (int i = 2; i <= 6; i += 2) {
      String name = "f" + i + ".bin";
      assertThat(
              Files.mismatch(
                  data.resolve(name), target.resolve(Path.of("/").relativize(data)).resolve(name)))
          .as("%s after a kill at '%s'\n%s", name, phase, log)
          .isEqualTo(-1);
    }

    Cli.Result again =
        Cli.run(
            "repo",
            "prune",
            "--max-unused",
            "0%",
            "-r",
            repo.toString(),
            "--password-file",
            pass.toString());
    assertThat(again.exitCode()).as(again.all()).isZero();
    restic.run("check", "--read-data").orFail();
    Cli.Result done =
        Cli.run("repo", "prune", "-r", repo.toString(), "--password-file", pass.toString());
    assertThat(done.out()).contains("nothing to prune").contains("unused:       0 blobs");
  }

  private static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path source : all.sorted(Comparator.naturalOrder()).toList()) {
        Path target = to.resolve(from.relativize(source));
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }
}
