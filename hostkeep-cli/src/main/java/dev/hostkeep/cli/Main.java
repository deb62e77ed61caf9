package dev.hostkeep.cli;

import picocli.CommandLine;

/** The entry point: runs one command and exits with its documented exit code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs {@code args} and returns the exit code (for tests and the daemon). */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    HostkeepCommand top = new HostkeepCommand();
    CommandLine commandLine = new CommandLine(top);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionExceptionHandler(new ErrorHandler(top));
    commandLine.setUsageHelpAutoWidth(true);
    if (System.getenv("NO_COLOR") != null) {
      commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    }
    return commandLine;
  }
}
