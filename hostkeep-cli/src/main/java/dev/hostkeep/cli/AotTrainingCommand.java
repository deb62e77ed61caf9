package dev.hostkeep.cli;

import dev.hostkeep.core.config.ConfigLoader;
import dev.hostkeep.core.config.HostkeepConfig;
import dev.hostkeep.core.config.LogSettings;
import dev.hostkeep.core.log.Logging;
import dev.hostkeep.core.secret.Redactor;
import dev.hostkeep.core.state.RecordKey;
import dev.hostkeep.core.state.RunRecord;
import dev.hostkeep.core.state.StateStore;
import dev.hostkeep.core.state.StateStores;
import dev.hostkeep.dns.ZoneName;
import dev.hostkeep.dns.secondary.ConfiguredSecondary;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Update;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The launcher's training run for the JDK's ahead-of-time class cache: it walks the start-up path
 * of real commands in a temporary folder, printing nothing, so the cache holds the classes those
 * commands load first. {@code all} walks help, config, logging, state, JSON, DNS messages and the
 * two cron commands; {@code ddns} and {@code secondary} walk only their steady cron run, for the
 * caches the launcher keeps for those commands alone (with class linking every archived class is
 * loaded at start, so a cache holding only what the command needs starts it quickest). Hidden: not
 * for people.
 */
@Command(name = "__aot-training", hidden = true)
final class AotTrainingCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", defaultValue = "all", description = "all, ddns or secondary")
  Walk walk;

  enum Walk {
    ALL,
    DDNS,
    SECONDARY
  }

  /** Names, a TSIG-signed RFC 2136 update and its wire form: what the DNS capabilities do first. */
  private static void dns() throws IOException {
    Name zone = Name.fromString(ZoneName.parse("Training.Example.").fqdn());
    Update update = new Update(zone);
    update.add(
        new PTRRecord(
            Name.fromString("m.zones", zone), DClass.IN, 0, Name.fromString("member.example.")));
    update.setTSIG(new TSIG(TSIG.HMAC_SHA256, "training.", "c2VjcmV0LWZvci10cmFpbmluZy1vbmx5"));
    new Message(update.toWire(Message.MAXLENGTH));
  }

  /**
   * Two {@code secondary sync} runs over a small zone folder, each in a command tree of its own as
   * a real run has: the first records that the target is in line with the folder, the second is the
   * soft run cron makes every few minutes (config with a provider and a secret file, folder scan,
   * state, no target contacted). The state is seeded as if the target had been read in full just
   * now, so no server is needed.
   */
  private static void secondary(Path dir, ConfigLoader loader, Clock clock) throws IOException {
    Path zones = Files.createDirectory(dir.resolve("zones"));
    for (String zone : new String[] {"a.example", "b.example", "c.example"}) {
      Files.writeString(zones.resolve(zone + ".db"), "");
    }
    Path secret = dir.resolve("tsig.secret");
    Files.writeString(secret, "c2VjcmV0LWZvci10cmFpbmluZy1vbmx5");
    Path config = dir.resolve("secondary.yaml");
    Files.writeString(
        config,
        "state: sqlite:"
            + dir.resolve("secondary.db")
            + "\nproviders:\n  primary:\n    type: rfc2136\n    server: 127.0.0.1:53\n"
            + "    key_name: training\n    key_secret: '${file:"
            + secret
            + "}'\nsecondary:\n  - name: training\n    source:\n      zone_dir: "
            + zones
            + "\n    targets:\n      - { provider: primary, catalog: catalog.example }\n");
    restrict(secret);
    restrict(config);
    remember(loader.load(config), "a.example\nb.example\nc.example", clock);
    // A folder last changed a minute ago: the first run remembers its listing, the second skips it.
    Files.setLastModifiedTime(zones, FileTime.from(clock.instant().minusSeconds(60)));
    for (int run = 0; run < 2; run++) {
      run(new String[] {"-q", "-c", config.toString(), "secondary", "sync"});
    }
  }

  /**
   * Two steady {@code ddns update} runs, as a timer makes them every few minutes: the address asked
   * from an echo service on loopback, the record's value remembered (carried over by the ddns-conf
   * import, which trains too), so no provider is contacted.
   */
  private static void ddns(Path dir, Clock clock) throws IOException {
    try (ServerSocket echo = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread.ofPlatform().daemon().start(() -> answerEcho(echo));
      Path secret = dir.resolve("alidns.secret");
      Files.writeString(secret, "training-secret");
      Path config = dir.resolve("ddns.yaml");
      Files.writeString(
          config,
          "state: sqlite:"
              + dir.resolve("ddns.db")
              + "\nproviders:\n  aliyun:\n    type: alidns\n    endpoint: http://127.0.0.1:1/\n"
              + "    access_key_id: training\n    access_key_secret: '${file:"
              + secret
              + "}'\nddns:\n  - name: aliyun\n    provider: aliyun\n    zone: example.com\n"
              + "    records: [ a.example.com ]\n    detect: { ipv4: { sources: [ { https: 'http://127.0.0.1:"
              + echo.getLocalPort()
              + "/' } ] } }\n");
      restrict(secret);
      restrict(config);
      Path ini = dir.resolve("ddns.conf");
      Files.writeString(
          ini,
          "[DEFAULT]\naccess_id=training\n[1]\ndomain=example.com\nsub_domain=a\nid=1\n"
              + "value=81.2.69.1\ntype=A\n");
      run(new String[] {"-q", "-c", config.toString(), "import", "ddns-conf", ini.toString()});
      for (int i = 0; i < 2; i++) {
        run(new String[] {"-q", "-c", config.toString(), "ddns", "update"});
      }
    }
  }

  /**
   * An echo service for the training's ddns runs: the same answer to every request, on a bare
   * socket, so that no HTTP server's classes end up in the cache.
   */
  private static void answerEcho(ServerSocket echo) {
    byte[] answer =
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 10\r\nConnection: close\r\n\r\n81.2.69.1\n"
            .getBytes(StandardCharsets.US_ASCII);
    while (!echo.isClosed()) {
      try (Socket client = echo.accept()) {
        skipRequest(client.getInputStream());
        OutputStream out = client.getOutputStream();
        out.write(answer);
        out.flush();
      } catch (IOException e) {
        return; // closed: the training is over
      }
    }
  }

  /**
   * Reads a request up to the blank line that ends its head (it has no body): closing the socket
   * with part of it unread would reset the connection under the client.
   */
  private static void skipRequest(InputStream in) throws IOException {
    int matched = 0; // of "\r\n\r\n"
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return;
      }
      matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : b == '\r' ? 1 : 0;
    }
  }

  /** Runs one command line in a command tree of its own, as a real run has, printing nothing. */
  private static void run(String[] args) {
    CommandLine line = Main.commandLine(args);
    line.setOut(new PrintWriter(Writer.nullWriter()));
    StringWriter errors = new StringWriter();
    line.setErr(new PrintWriter(errors));
    int code = line.execute(args);
    if (code != 0) {
      // a walk that fails trains the cache on an error path: say so, for the test that runs it
      throw new IllegalStateException(
          "training run `" + String.join(" ", args) + "` exited " + code + ": " + errors);
    }
  }

  /** Records that every secondary target of {@code config} serves {@code zones}, read just now. */
  private static void remember(HostkeepConfig config, String zones, Clock clock) {
    ConfiguredSecondary secondary = (ConfiguredSecondary) config.capabilities().get("secondary");
    try (StateStore state = StateStores.open(config.state().orElseThrow(), clock)) {
      for (ConfiguredSecondary.TargetStatus target : secondary.status(state)) {
        state.put(new RecordKey("secondary", target.target(), "zones"), zones);
        state.put(
            new RecordKey("secondary", target.target(), "meta:last_full_read"),
            clock.instant().toString());
      }
    }
  }

  private static void restrict(Path file) throws IOException {
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }

  @Override
  public Integer call() throws IOException {
    Path dir = Files.createTempDirectory("hostkeep-aot-");
    try {
      Redactor redactor = new Redactor();
      Logging.configure(LogSettings.DEFAULT.withLevel(LogSettings.Level.ERROR), redactor, false);
      ConfigLoader loader =
          new ConfigLoader(HostkeepCommand.session(spec).plugins(), redactor, System::getenv);
      Clock clock = Clock.systemUTC();
      switch (walk) {
        case DDNS -> ddns(dir, clock);
        case SECONDARY -> {
          dns();
          secondary(dir, loader, clock);
        }
        case ALL -> {
          everyCommand(dir, loader, clock);
          dns();
          secondary(dir, loader, clock);
          ddns(dir, clock);
        }
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
    return 0;
  }

  /** Help, version, config, state and JSON: what every working command does first. */
  private void everyCommand(Path dir, ConfigLoader loader, Clock clock) throws IOException {
    PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
    spec.root().commandLine().usage(nowhere);
    VersionCommand.lines();
    Path config = dir.resolve("hostkeep.yaml");
    Files.writeString(
        config,
        "state: sqlite:"
            + dir.resolve("state.db")
            + "\nguard:\n  max_share: 10%\n  min_changes: 3\nlog:\n  level: error\n");
    HostkeepConfig loaded = loader.load(config);
    try (StateStore state = StateStores.open(loaded.state().orElseThrow(), clock)) {
      state.lock("training", Duration.ZERO).close();
      RunRecord run = state.startRun("training", "apply");
      state.put(new RecordKey("training", "target", "key"), "value");
      state.list("training", "target");
      state.finishRun(run.finished(clock.instant(), "applied", 1, 0));
    }
    try (StateStore state = StateStores.openReadOnly(loaded.state().orElseThrow(), clock)) {
      state.latestRuns();
      state.locks();
    }
    Json.print(nowhere, Map.of("training", loaded.masked()));
  }
}
