package dev.hostkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostkeep.backup.archive.BackupStats;
import dev.hostkeep.backup.archive.Excludes;
import dev.hostkeep.backup.archive.Scanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressTest {
  @TempDir Path dir;

  @Test
  void onceTheScanIsDoneTheLineShowsTheShareAndTheTimeLeft() throws Exception {
    Files.createDirectories(dir.resolve("a/skip"));
    Files.write(dir.resolve("a/one.bin"), new byte[3000]);
    Files.write(dir.resolve("a/two.bin"), new byte[2000]);
    Files.write(dir.resolve("a/skip/big.tmp"), new byte[90_000]);
    try (Scanner scanner =
        Scanner.start(List.of(dir.resolve("a")), new Excludes(List.of("*.tmp"), false, false))) {
      for (int i = 0; i < 200 && !scanner.finished(); i++) {
        Thread.sleep(10);
      }
      assertThat(scanner.finished()).isTrue();
      assertThat(scanner.files()).isEqualTo(2);
      assertThat(scanner.bytes()).isEqualTo(5000);

      String line = Progress.line(new BackupStats(), scanner, 3.0);
      assertThat(line).startsWith("[0:03] 0.0%").contains("0 of 2 files").contains("ETA ?");
    }
    assertThat(Progress.line(new BackupStats(), null, 61)).startsWith("[1:01] 0 files");
  }
}
