package dev.hostkeep.backup.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostkeep.testkit.Binaries;
import dev.hostkeep.testkit.Restic;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files and folders the backup may not read are reported and left out; everything else is backed
 * up. As root the backup runs in a child JVM whose bounding set lacks CAP_DAC_OVERRIDE and
 * CAP_DAC_READ_SEARCH ({@code setpriv}), so root meets permission bits as any user does.
 */
class PermissionDeniedTest {
  @TempDir Path temp;

  @Test
  void unreadableFilesAndFoldersAreReportedAndTheRestIsBackedUp() throws Exception {
    Path data = temp.resolve("data");
    Files.createDirectories(data.resolve("open"));
    Files.createDirectories(data.resolve("locked-dir"));
    Files.writeString(data.resolve("open/readable.txt"), "readable");
    Files.writeString(data.resolve("secret.key"), "private");
    Files.writeString(data.resolve("locked-dir/inside.txt"), "hidden");
    Files.setPosixFilePermissions(
        data.resolve("secret.key"), PosixFilePermissions.fromString("---------"));
    Files.setPosixFilePermissions(
        data.resolve("locked-dir"), PosixFilePermissions.fromString("---------"));
    Path repo = temp.resolve("repo");
    try {
      String output = backUpWithoutPrivileges(repo, data);

      assertThat(output)
          .contains("warning: cannot read " + data.resolve("secret.key"))
          .contains("warning: cannot list " + data.resolve("locked-dir") + ": permission denied")
          .contains("permission denied");
    } finally {
      Files.setPosixFilePermissions(
          data.resolve("locked-dir"), PosixFilePermissions.fromString("rwx------"));
      Files.setPosixFilePermissions(
          data.resolve("secret.key"), PosixFilePermissions.fromString("rw-------"));
    }
    Restic restic = Restic.at(repo, Repos.PASSWORD);
    restic.run("check", "--read-data").orFail();
    String listing = restic.run("ls", "latest").orFail().stdout();
    assertThat(listing).contains("/open/readable.txt").doesNotContain("inside.txt");
    Path target = temp.resolve("restored");
    restic.run("restore", "latest", "--target", target.toString()).orFail();
    assertThat(target.resolve(Path.of("/").relativize(data)).resolve("open/readable.txt"))
        .hasContent("readable");
  }

  private String backUpWithoutPrivileges(Path repo, Path data) throws Exception {
    boolean root = "root".equals(System.getProperty("user.name"));
    if (!root) {
      try (var repository = Repos.init(repo, 2)) {
        Archiver.Result result = Repos.backup(repository, data);
        return String.join(
            "\n", result.stats().warnings().stream().map(w -> "warning: " + w).toList());
      }
    }
    Path setpriv = Binaries.require("setpriv");
    List<String> command = new ArrayList<>();
    command.add(setpriv.toString());
    command.add("--bounding-set=-dac_override,-dac_read_search");
    command.add("--inh-caps=-dac_override,-dac_read_search");
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(UnprivilegedBackup.class.getName());
    command.add(repo.toString());
    command.add(data.toString());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    String output = new String(out, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }
}
