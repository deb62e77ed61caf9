package dev.hostkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A secret from the config travels through a plan, a debug log line (text and JSON), a failing
 * change's error and the journal, and never comes out. Isolated: it captures the process's stderr,
 * where logging writes.
 */
@Isolated
class SecretsTest {
  private static final String SECRET = "tok-9f8e7d6c5b4a";

  @TempDir Path dir;

  @Test
  // System.err is swapped for the run; BackupCommandTest reads its log there too
  @org.junit.jupiter.api.parallel.ResourceLock(org.junit.jupiter.api.parallel.Resources.SYSTEM_ERR)
  void aSecretNeverAppearsInOutputLogsOrErrors() throws Exception {
    Path secret = dir.resolve("token");
    Files.writeString(secret, SECRET + "\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    Path web = Files.createDirectory(dir.resolve("web"));
    Path config = dir.resolve("hostkeep.yaml");
    Files.writeString(
        config,
        "state: sqlite:"
            + dir.resolve("state.db")
            + "\ntest-folders:\n  folders:\n    - name: web\n      path: "
            + web
            + "\n      files: [a.txt, b.txt]\n      fail: [b.txt]\n      token: ${file:"
            + secret
            + "}\n");

    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    // System.err is swapped only while no other test runs a command line, which would log into it
    String output =
        Cli.alone(
            () -> {
              PrintStream original = System.err;
              System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
              try {
                return Cli.run("plan", "-vv", "-c", config.toString()).all()
                    + Cli.run("apply", "--yes", "-vv", "-c", config.toString()).all()
                    + Cli.run(
                            "apply",
                            "--yes",
                            "-vv",
                            "--log-format",
                            "json",
                            "-c",
                            config.toString())
                        .all()
                    + Cli.run("apply", "--yes", "--json", "-c", config.toString()).all()
                    + Cli.run("status", "--json", "-c", config.toString()).all();
              } finally {
                System.setErr(original);
              }
            });
    String logs = stderr.toString(StandardCharsets.UTF_8);

    assertThat(Files.readString(web.resolve("a.txt"))).contains(SECRET);
    assertThat(logs).contains("writing " + web.resolve("a.txt") + " with body 'hello ****'");
    assertThat(logs).contains("\"level\":\"DEBUG\"");
    assertThat(output).contains("injected failure").contains("****");
    assertThat(output + logs).doesNotContain(SECRET);
  }
}
