package dev.hostkeep.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What every {@link Host} does, run against each implementation. */
abstract class HostContract {
  private static final long HUNDRED_MIB = 100L * 1024 * 1024;

  /** An open host, shared by the tests of one class. */
  abstract Host host();

  /** The data is made and digested on the fly: neither side ever holds it whole. */
  @Test
  @Timeout(120)
  void streams100MiBThroughCatIntact() {
    GeneratedInput input = new GeneratedInput(42, HUNDRED_MIB);
    DigestingOutput output = new DigestingOutput();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int status = host().run(Command.of("cat"), input, output, err);

    assertThat(status).as("exit status; stderr: %s", err).isZero();
    assertThat(output.count()).isEqualTo(HUNDRED_MIB);
    assertThat(output.sha256Hex()).isEqualTo(input.sha256Hex());
  }

  @Test
  void sha256sumOfStreamedInputMatches() {
    GeneratedInput input = new GeneratedInput(7, 5L * 1024 * 1024 + 13);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int status = host().run(Command.of("sha256sum"), input, out, null);

    assertThat(status).isZero();
    assertThat(text(out)).startsWith(input.sha256Hex() + " ");
  }

  @Test
  void reportsExitStatus() {
    assertThat(host().run(Command.shell("exit 7"), null, null, null)).isEqualTo(7);
    assertThat(host().run(Command.of("true"), null, null, null)).isZero();
  }

  @Test
  void capturesStderrSeparately() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int status = host().run(Command.shell("echo to-out; echo to-err >&2; exit 3"), null, out, err);

    assertThat(status).isEqualTo(3);
    assertThat(text(out)).isEqualTo("to-out\n");
    assertThat(text(err)).isEqualTo("to-err\n");
  }

  @Test
  void argumentsWithSpacesAndQuotesArriveIntact() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    host().run(Command.of("printf", "%s\\n", "a b", "it's", "$HOME", "\"q\""), null, out, null);

    assertThat(text(out)).isEqualTo("a b\nit's\n$HOME\n\"q\"\n");
  }

  @Test
  void startGivesTheStreamsToTheCaller() throws Exception {
    try (RemoteProcess process = host().start(Command.of("tr", "a-z", "A-Z"))) {
      try (OutputStream stdin = process.stdin()) {
        stdin.write("hello over there\n".getBytes(StandardCharsets.UTF_8));
      }
      String out = new String(process.stdout().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(out).isEqualTo("HELLO OVER THERE\n");
      assertThat(process.waitFor()).isZero();
    }
  }

  @Test
  void waitForWithTimeoutSaysStillRunning() {
    try (RemoteProcess process = host().start(Command.of("sleep", "30"))) {
      assertThat(process.waitFor(Duration.ofMillis(200))).isEqualTo(-1);
    }
  }

  @Test
  void runsManyCommandsAtOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        String word = "job" + i;
        results.add(pool.submit(() -> echo(word)));
      }
      for (int i = 0; i < 16; i++) {
        assertThat(results.get(i).get()).isEqualTo("job" + i + "\n");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void feedsSmallInput() {
    InputStream in = new ByteArrayInputStream("3\n1\n2\n".getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    assertThat(host().run(Command.of("sort"), in, out, null)).isZero();
    assertThat(text(out)).isEqualTo("1\n2\n3\n");
  }

  private String echo(String word) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    host().run(Command.of("echo", word), null, out, null);
    return text(out);
  }

  static String text(ByteArrayOutputStream out) {
    return out.toString(StandardCharsets.UTF_8);
  }
}
