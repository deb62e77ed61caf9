package dev.hostkeep.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real SMTP server (Python's aiosmtpd, from Debian's python3-aiosmtpd) on a free loopback port,
 * delivering every accepted message into a Maildir; optionally requiring AUTH LOGIN/PLAIN with one
 * user and password (over plain SMTP, as a test allows).
 */
public final class SmtpServer implements AutoCloseable {
  private static final String SCRIPT =
      """
      import signal, sys
      from aiosmtpd.controller import Controller
      from aiosmtpd.handlers import Mailbox
      from aiosmtpd.smtp import AuthResult, LoginPassword

      port, maildir, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]

      def authenticate(server, session, envelope, mechanism, data):
          ok = (isinstance(data, LoginPassword) and data.login.decode() == user
                and data.password.decode() == password)
          return AuthResult(success=ok)

      kwargs = {}
      if user:
          kwargs = dict(authenticator=authenticate, auth_required=True, auth_require_tls=False)
      controller = Controller(Mailbox(maildir), hostname="127.0.0.1", port=port, **kwargs)
      controller.start()
      print("ready", flush=True)
      signal.sigwait({signal.SIGTERM, signal.SIGINT})
      controller.stop()
      """;

  private final ServerProcess process;
  private final int port;
  private final Path maildir;

  private SmtpServer(ServerProcess process, int port, Path maildir) {
    this.process = process;
    this.port = port;
    this.maildir = maildir;
  }

  /** A server that accepts mail from anyone. */
  public static SmtpServer start(Path dir) {
    return start(dir, "", "");
  }

  /** A server that accepts mail only after AUTH as {@code user} with {@code password}. */
  public static SmtpServer start(Path dir, String user, String password) {
    // Debian's python3 is the one python3-aiosmtpd installs into (not a pyenv shim on PATH)
    Path python =
        Files.isExecutable(Path.of("/usr/bin/python3"))
            ? Path.of("/usr/bin/python3")
            : Binaries.require("python3");
    try {
      Path home = Files.createDirectories(dir.toAbsolutePath());
      Path script = home.resolve("smtpd.py");
      Files.writeString(script, SCRIPT);
      Path maildir = home.resolve("Maildir");
      int port = FreePorts.next();
      ServerProcess process =
          ServerProcess.start(
              "smtpd",
              List.of(
                  python.toString(),
                  script.toString(),
                  Integer.toString(port),
                  maildir.toString(),
                  user,
                  password),
              home,
              Map.of());
      process.awaitPort(port, Duration.ofSeconds(30));
      return new SmtpServer(process, port, maildir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  /** Every message delivered so far, as its raw RFC 5322 text, oldest first. */
  public List<String> messages() {
    Path fresh = maildir.resolve("new");
    if (!Files.isDirectory(fresh)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(fresh)) {
      List<String> messages = new ArrayList<>();
      for (Path file : files.sorted().toList()) {
        messages.add(Files.readString(file));
      }
      return messages;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String logTail() {
    return process.logTail();
  }

  @Override
  public void close() {
    process.close();
  }
}
