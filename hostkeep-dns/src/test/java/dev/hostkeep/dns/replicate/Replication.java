package dev.hostkeep.dns.replicate;

import dev.hostkeep.core.apply.Applier;
import dev.hostkeep.core.capability.Plugins;
import dev.hostkeep.core.config.ConfigLoader;
import dev.hostkeep.core.config.HostkeepConfig;
import dev.hostkeep.core.engine.Engine;
import dev.hostkeep.core.engine.Engine.ApplyResult;
import dev.hostkeep.core.secret.Redactor;
import dev.hostkeep.core.state.StateStore;
import dev.hostkeep.core.state.StateStores;
import dev.hostkeep.testkit.BindServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Random;

/**
 * The replicate capability as a user runs it: a YAML config written to a folder, loaded with the
 * discovered plugins, planned and applied by the engine with the state in that folder.
 */
final class Replication {
  private final Path dir;
  private final String yaml;

  Replication(Path dir, String yaml) {
    this.dir = dir;
    this.yaml = yaml;
  }

  /** The {@code providers:} lines of an rfc2136 provider named {@code name} for {@code bind}. */
  static String rfc2136(String name, BindServer bind, Path dir) throws IOException {
    Path secret = dir.resolve(name + ".secret");
    Files.writeString(secret, bind.keySecret());
    return "  "
        + name
        + ":\n    type: rfc2136\n    server: 127.0.0.1:"
        + bind.port()
        + "\n    key_name: "
        + bind.keyName()
        + "\n    key_secret: '${file:"
        + secret
        + "}'\n    timeout: 3s\n";
  }

  HostkeepConfig config() throws IOException {
    Path file = dir.resolve("hostkeep.yaml");
    Files.writeString(file, yaml);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return new ConfigLoader(
            Plugins.discover(Replication.class.getClassLoader()), new Redactor(), k -> null)
        .load(file);
  }

  ConfiguredReplicate configured() throws IOException {
    return (ConfiguredReplicate) config().capabilities().get("replicate");
  }

  ApplyResult sync(String... zones) throws IOException {
    return apply(List.of(zones), false);
  }

  ApplyResult apply(Collection<String> zones, boolean force) throws IOException {
    ConfiguredReplicate replicate = configured();
    if (!zones.isEmpty()) {
      replicate = replicate.zones(zones);
    }
    Redactor redactor = new Redactor();
    Engine engine =
        new Engine(
            Clock.systemUTC(),
            new Applier(Clock.systemUTC(), d -> Thread.sleep(d.toMillis()), new Random(1)),
            redactor);
    try (StateStore state = state()) {
      return engine.apply(
          replicate,
          state,
          new Engine.ApplyOptions(force, false, Duration.ZERO),
          plan -> true,
          new Engine.Events() {});
    }
  }

  StateStore state() {
    return StateStores.open("sqlite:" + dir.resolve("state.db"), Clock.systemUTC());
  }

  /** What went wrong in {@code result}, for assertion messages. */
  static String explain(ApplyResult result) {
    StringBuilder text = new StringBuilder("error: " + result.error());
    if (result.plan() != null) {
      result.plan().problems().forEach(p -> text.append("\nproblem: ").append(p));
      result.plan().notes().forEach(p -> text.append("\nnote: ").append(p));
    }
    if (result.report() != null) {
      result.report().failures().forEach(f -> text.append("\nfailed: ").append(f.message()));
    }
    return text.toString();
  }

  /** {@code + www.shop.test. A} for each planned change. */
  static List<String> changes(ApplyResult result) {
    return result.plan().changes().stream().map(c -> c.action().symbol() + " " + c.key()).toList();
  }
}
