package dev.hostkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostkeep.testkit.Restic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backup killed with SIGKILL half-way leaves a repository that checks clean and is reused. */
class RepoKillTest {
  @TempDir Path dir;

  @Test
  void killMinus9MidBackupThenTheNextBackupReusesTheUploadedPacks() throws Exception {
    Path repo = dir.resolve("repo");
    Path data = dir.resolve("data");
    Path pass = dir.resolve("pass");
    Files.writeString(pass, "kill test\n");
    Files.createDirectories(data);
    byte[] block = new byte[1024 * 1024];
    Random random = new Random(9);
    try (var out = Files.newOutputStream(data.resolve("big.bin"))) {
      for (int i = 0; i < 160; i++) {
        random.nextBytes(block);
        out.write(block);
      }
    }
    assertThat(Main.run("repo", "init", "-r", repo.toString(), "--password-file", pass.toString()))
        .isZero();

    Process backup =
        Cli.child(
                dir,
                "repo",
                "backup",
                "-r",
                repo.toString(),
                "--password-file",
                pass.toString(),
                data.toString())
            .redirectOutput(dir.resolve("backup.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (packs(repo) < 2 && backup.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(backup.isAlive()).as("the backup must still be running when it is killed").isTrue();
    backup.destroyForcibly().waitFor(); // SIGKILL: no shutdown hooks, no flush
    long uploaded = packs(repo);
    assertThat(uploaded).isGreaterThanOrEqualTo(2);

    // The killed process left its lock; restic 0.14 would refuse until 'restic unlock', while
    // hostkeep sees that the PID on this host is gone and takes it over.
    Restic restic = Restic.at(repo, "kill test");
    assertThat(restic.run("check").stderr()).contains("already locked");

    Cli.Result again =
        Cli.run(
            "repo",
            "backup",
            "-r",
            repo.toString(),
            "--password-file",
            pass.toString(),
            data.toString());
    assertThat(again.exitCode()).as(again.all()).isZero();
    assertThat(again.err())
        // seen once in a full run and not reproduced since: say what the repository held
        .as(
            "packs %s, index files %s, the killed run's output:%n%s",
            packs(repo), files(repo.resolve("index")), Files.readString(dir.resolve("backup.log")))
        .contains("indexed " + uploaded + " pack(s) an interrupted backup left behind");
    long added = addedMiB(again.out());
    assertThat(added)
        .as("only what was not uploaded before the kill is added")
        .isLessThan(160 - 16 * (uploaded - 1));
    restic.run("check", "--read-data").orFail();
    Path target = dir.resolve("restored");
    restic.run("restore", "latest", "--target", target.toString()).orFail();
    assertThat(
            Files.mismatch(
                data.resolve("big.bin"),
                target.resolve(Path.of("/").relativize(data)).resolve("big.bin")))
        .isEqualTo(-1);
  }

  private static long packs(Path repo) throws Exception {
    Path data = repo.resolve("data");
    try (Stream<Path> all = Files.walk(data)) {
      return all.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .count();
    }
  }

  private static List<String> files(Path folder) throws Exception {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> all = Files.list(folder)) {
      return all.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static long addedMiB(String out) {
    for (String line : out.lines().toList()) {
      if (line.startsWith("Added to the repository: ")) {
        String[] parts = line.substring("Added to the repository: ".length()).split(" ");
        double value = Double.parseDouble(parts[0]);
        return switch (parts[1]) {
          case "GiB" -> (long) (value * 1024);
          case "MiB" -> (long) value;
          default -> 0;
        };
      }
    }
    throw new AssertionError("no summary in\n" + out);
  }
}
