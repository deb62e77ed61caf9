package dev.hostkeep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostkeep.testkit.BindServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hostkeep ddns} end to end: a real BIND primary updated over RFC 2136 with TSIG, the
 * address told by a local echo service, and what BIND then answers.
 */
class DdnsCommandTest {
  static final String ZONE = "ddns.test";

  @TempDir static Path bindDir;
  static BindServer bind;

  @TempDir Path dir;
  EchoServer echo;
  Path state;

  @BeforeAll
  static void startPrimary() {
    bind =
        BindServer.builder(bindDir)
            .zone(
                ZONE,
                """
                $ORIGIN ddns.test.
                $TTL 300
                @       SOA ns1 hostmaster 1 3600 600 86400 300
                @       NS  ns1
                ns1     A   192.0.2.53
                office  A   192.0.2.1
                same    A   81.2.69.160
                alias   CNAME office
                """)
            .start();
  }

  @AfterAll
  static void stopPrimary() {
    if (bind != null) {
      bind.close();
    }
  }

  @BeforeEach
  void startEcho() {
    echo = new EchoServer("81.2.69.160\n");
    state = dir.resolve("state.db");
  }

  @AfterEach
  void stopEcho() {
    echo.close();
  }

  private Path config(String records, String extra) throws IOException {
    Path secret = dir.resolve("tsig.secret");
    Files.writeString(secret, bind.keySecret());
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    Path file = dir.resolve("hostkeep.yaml");
    Files.writeString(
        file,
        """
        state: sqlite:%s
        providers:
          primary:
            type: rfc2136
            server: 127.0.0.1:%d
            key_name: %s
            key_secret: ${file:%s}
        ddns:
          - name: office
            provider: primary
            zone: ddns.test
            records: [ %s ]
            detect:
              ipv4: { sources: [ { https: '%s' } ] }
        %s"""
            .formatted(state, bind.port(), bind.keyName(), secret, records, echo.url(), extra));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  @Test
  void theRecordFollowsTheAddressAndSteadyRunsAreSilent() throws IOException {
    Path config = config("office.ddns.test", "");

    Cli.Result first = Cli.run("ddns", "update", "-c", config.toString());
    Cli.Result steady = Cli.run("ddns", "update", "-c", config.toString());
    echo.answer("81.2.69.161");
    Cli.Result moved = Cli.run("ddns", "update", "-c", config.toString());

    assertThat(first.exitCode()).as(first.all()).isZero();
    assertThat(first.out().strip())
        .isEqualTo("office: ~ office.ddns.test A 192.0.2.1 → 81.2.69.160");
    assertThat(steady.exitCode()).as(steady.all()).isZero();
    assertThat(steady.all()).isEmpty();
    assertThat(moved.out().strip())
        .isEqualTo("office: ~ office.ddns.test A 81.2.69.160 → 81.2.69.161");
    assertThat(Served.values(bind.port(), "office.ddns.test", "A")).containsExactly("81.2.69.161");

    Cli.Result status = Cli.run("ddns", "status", "-c", config.toString());
    assertThat(status.out())
        .contains("office.ddns.test A", "81.2.69.161")
        .contains("address changes:");
  }

  @Test
  void aProviderThatAlreadyHoldsTheAddressIsNotWrittenTo() throws IOException {
    Path config = config("same.ddns.test", "");
    long serial = Served.serial(bind.port(), ZONE);

    Cli.Result run = Cli.run("ddns", "update", "-c", config.toString());

    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.all()).isEmpty();
    assertThat(Served.serial(bind.port(), ZONE)).as("no update reached BIND").isEqualTo(serial);
    Cli.Result status = Cli.run("ddns", "status", "-c", config.toString());
    assertThat(status.out()).contains("same.ddns.test A", "81.2.69.160");
  }

  @Test
  void aNameThatIsACnameIsAClearErrorNotAWriteTheServerDrops() throws IOException {
    Path config = config("alias.ddns.test", "");

    Cli.Result run = Cli.run("ddns", "update", "-c", config.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.all()).contains("alias.ddns.test is a CNAME to office.ddns.test.");
    assertThat(Served.values(bind.port(), "alias.ddns.test", "CNAME"))
        .containsExactly("office.ddns.test.");
    // nothing was remembered as done: the next run asks again, and says so again
    assertThat(Cli.run("ddns", "update", "-c", config.toString()).all())
        .contains("is a CNAME to office.ddns.test.");
  }

  @Test
  void aMissingRecordIsCreatedOrRefusedAsConfigured() throws IOException {
    Path refuse = config("new1.ddns.test", "    create: false\n".indent(0));
    Cli.Result refused = Cli.run("ddns", "update", "-c", refuse.toString());

    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("new1.ddns.test A does not exist", "create: false");
    assertThat(Served.values(bind.port(), "new1.ddns.test", "A")).isEmpty();

    Path create = config("new2.ddns.test", "");
    Cli.Result created = Cli.run("ddns", "update", "-c", create.toString());

    assertThat(created.exitCode()).as(created.all()).isZero();
    assertThat(created.out().strip()).isEqualTo("office: + new2.ddns.test A 81.2.69.160");
    assertThat(Served.values(bind.port(), "new2.ddns.test", "A")).containsExactly("81.2.69.160");
  }

  @Test
  void anHtmlAnswerFromTheEchoServiceWritesNothingAndFails() throws IOException {
    Path config = config("html.ddns.test", "");
    echo.answer("<html><body>Your IP is 81.2.69.170</body></html>");

    Cli.Result run = Cli.run("ddns", "update", "-c", config.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("no IPv4 address");
    assertThat(Served.values(bind.port(), "html.ddns.test", "A")).isEmpty();
  }

  @Test
  void oneFailingRecordDoesNotStopTheOthers() throws IOException {
    // The first record lies in a zone this primary does not serve: its update is refused.
    Path config =
        config("{ name: www.elsewhere.test, zone: elsewhere.test }, partial.ddns.test", "");

    Cli.Result run = Cli.run("ddns", "update", "-c", config.toString());

    assertThat(run.exitCode()).as(run.all()).isEqualTo(4);
    assertThat(run.out()).contains("partial.ddns.test A 81.2.69.160", "www.elsewhere.test A");
    assertThat(run.out()).contains("FAILED");
    assertThat(Served.values(bind.port(), "partial.ddns.test", "A")).containsExactly("81.2.69.160");
  }

  @Test
  void aDryRunChangesNothingAnywhere() throws IOException {
    Path config = config("dry.ddns.test", "");

    Cli.Result run = Cli.run("ddns", "update", "--dry-run", "-c", config.toString());

    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.out())
        .contains("0 now, 1 after")
        .containsPattern("\\+ record +dry\\.ddns\\.test A +81\\.2\\.69\\.160");
    assertThat(Served.values(bind.port(), "dry.ddns.test", "A")).isEmpty();
    assertThat(state).doesNotExist();
  }

  @Test
  void detectShowsEachSourceAndTheVerdict() throws IOException {
    Path config = config("office.ddns.test", "");

    Cli.Result run = Cli.run("ddns", "detect", "-c", config.toString());

    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.out()).contains("office ipv4: 81.2.69.160", echo.url());
  }
}
