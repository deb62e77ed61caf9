package dev.hostkeep.cli;

import dev.hostkeep.core.config.LogSettings;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command takes, before or after the command name. */
final class GlobalOptions {
  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description =
          "Config file. Default: $HOSTKEEP_CONFIG, then /etc/hostkeep/hostkeep.yaml, "
              + "else built-in defaults.")
  Path config;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "More log output on stderr: -v info, -vv debug.")
  boolean[] verbose = new boolean[0];

  @Option(
      names = {"-q", "--quiet"},
      scope = ScopeType.INHERIT,
      description = "Only errors on stderr.")
  boolean quiet;

  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description = "Machine-readable output on stdout (stable, documented in docs/json.md).")
  boolean json;

  @Option(
      names = "--no-color",
      scope = ScopeType.INHERIT,
      description = "No colours, even on a terminal (also: NO_COLOR=1).")
  boolean noColor;

  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      scope = ScopeType.INHERIT,
      description = "Log line format on stderr: ${COMPLETION-CANDIDATES} (default text).")
  LogSettings.Format logFormat;

  @Option(
      names = "--syslog",
      paramLabel = "HOST[:PORT]",
      scope = ScopeType.INHERIT,
      description = "Also send log lines to this syslog receiver over UDP (e.g. localhost).")
  String syslog;

  @Option(
      names = "--accept-new-host-keys",
      scope = ScopeType.INHERIT,
      description =
          "SSH: trust a host seen for the first time and add its key to known_hosts."
              + " A changed key is always refused.")
  boolean acceptNewHostKeys;

  Optional<Path> configFile() {
    return Optional.ofNullable(config);
  }

  /** The log level the flags ask for, or empty to use the config's. */
  Optional<LogSettings.Level> level() {
    if (quiet) {
      return Optional.of(LogSettings.Level.ERROR);
    }
    return switch (verbose.length) {
      case 0 -> Optional.empty();
      case 1 -> Optional.of(LogSettings.Level.INFO);
      case 2 -> Optional.of(LogSettings.Level.DEBUG);
      default -> Optional.of(LogSettings.Level.TRACE);
    };
  }

  boolean color(Terminal terminal) {
    return !noColor && System.getenv("NO_COLOR") == null && terminal.stdoutIsTerminal();
  }
}
