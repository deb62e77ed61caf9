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
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The launcher's training run for the JDK's ahead-of-time class cache: it walks the start-up path
 * of real commands (help, config, logging, state, JSON, DNS messages) in a temporary folder,
 * printing nothing, so the cache holds the classes every command loads first. Hidden: not for
 * people.
 */
@Command(name = "__aot-training", hidden = true)
final class AotTrainingCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

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

  @Override
  public Integer call() throws IOException {
    PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
    spec.root().commandLine().usage(nowhere);
    VersionCommand.lines();
    Path dir = Files.createTempDirectory("hostkeep-aot-");
    try {
      Path config = dir.resolve("hostkeep.yaml");
      Files.writeString(
          config,
          "state: sqlite:"
              + dir.resolve("state.db")
              + "\nguard:\n  max_share: 10%\n  min_changes: 3\nlog:\n  level: error\n");
      Redactor redactor = new Redactor();
      Logging.configure(LogSettings.DEFAULT.withLevel(LogSettings.Level.ERROR), redactor, false);
      HostkeepConfig loaded =
          new ConfigLoader(HostkeepCommand.session(spec).plugins(), redactor, System::getenv)
              .load(config);
      Clock clock = Clock.systemUTC();
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
      dns();
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
    return 0;
  }
}
