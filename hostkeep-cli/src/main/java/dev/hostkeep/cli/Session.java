package dev.hostkeep.cli;

import dev.hostkeep.core.apply.Applier;
import dev.hostkeep.core.apply.Sleeper;
import dev.hostkeep.core.capability.Plugins;
import dev.hostkeep.core.config.ConfigLoader;
import dev.hostkeep.core.config.ConfigLocator;
import dev.hostkeep.core.config.HostkeepConfig;
import dev.hostkeep.core.config.LogSettings;
import dev.hostkeep.core.engine.Engine;
import dev.hostkeep.core.host.Host;
import dev.hostkeep.core.host.Hosts;
import dev.hostkeep.core.host.SshOptions;
import dev.hostkeep.core.log.Logging;
import dev.hostkeep.core.secret.Redactor;
import dev.hostkeep.core.state.StateStore;
import dev.hostkeep.core.state.StateStores;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Random;

/**
 * What a command needs beyond its arguments, built only when the command asks: the config (read and
 * validated), logging, the state store and the engine. {@code version} and {@code --help} build
 * none of it, which keeps them fast.
 */
final class Session {
  private final GlobalOptions options;
  private final Terminal terminal = new Terminal();
  private final Redactor redactor;
  private final Clock clock = Clock.systemUTC();
  private final PrintWriter out;
  private final PrintWriter err;
  private Plugins plugins;
  private HostkeepConfig config;

  Session(GlobalOptions options, Redactor redactor, PrintWriter out, PrintWriter err) {
    this.options = options;
    this.redactor = redactor;
    this.out = out;
    this.err = err;
  }

  GlobalOptions options() {
    return options;
  }

  PrintWriter out() {
    return out;
  }

  PrintWriter err() {
    return err;
  }

  Terminal terminal() {
    return terminal;
  }

  Redactor redactor() {
    return redactor;
  }

  Clock clock() {
    return clock;
  }

  boolean json() {
    return options.json;
  }

  boolean color() {
    return options.color(terminal);
  }

  Plugins plugins() {
    if (plugins == null) {
      plugins = Plugins.discover(Session.class.getClassLoader());
    }
    return plugins;
  }

  /** Reads and validates the config, then sets up logging as config and flags say. */
  HostkeepConfig config() {
    if (config == null) {
      configureLogging(LogSettings.DEFAULT);
      ConfigLoader loader = new ConfigLoader(plugins(), redactor, System::getenv);
      Optional<Path> file = ConfigLocator.locate(options.configFile(), System::getenv);
      config = file.map(loader::load).orElseGet(loader::defaults);
      configureLogging(config.log());
    }
    return config;
  }

  /** The state store for reading only: never creates, migrates or writes anything. */
  StateStore readOnlyState() {
    return StateStores.openReadOnly(stateSpec(), clock);
  }

  StateStore state() {
    return StateStores.open(stateSpec(), clock);
  }

  /**
   * Opens {@code spec} ({@code local} or {@code ssh://user@host[:port]}) with the user's SSH
   * defaults (~/.ssh/known_hosts, identity files, ssh-agent) and {@code --accept-new-host-keys}.
   */
  Host host(String spec) {
    return Hosts.open(spec, sshOptions());
  }

  /** The user's SSH defaults with {@code --accept-new-host-keys}. */
  SshOptions sshOptions() {
    return SshOptions.defaults().withAcceptNewHostKeys(options.acceptNewHostKeys);
  }

  // Retry jitter needs spread, not secrecy: java.util.Random spares every run the set-up of the
  // security providers that SecureRandom needs.
  Engine engine() {
    return new Engine(clock, new Applier(clock, Sleeper.system(), new Random()), redactor);
  }

  private String stateSpec() {
    return config().state().orElseGet(() -> StateStores.defaultLocation().toString());
  }

  private void configureLogging(LogSettings fromConfig) {
    LogSettings settings = fromConfig;
    if (options.level().isPresent()) {
      settings = settings.withLevel(options.level().get());
    }
    if (options.logFormat != null) {
      settings = settings.withFormat(options.logFormat);
    }
    if (options.syslog != null) {
      settings = settings.withSyslog(options.syslog);
    }
    boolean color =
        !options.noColor && System.getenv("NO_COLOR") == null && terminal.stderrIsTerminal();
    Logging.configure(settings, redactor, color);
  }
}
