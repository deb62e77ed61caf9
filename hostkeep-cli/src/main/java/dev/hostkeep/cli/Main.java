package dev.hostkeep.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;

/** The entry point: runs one command and exits with its documented exit code. */
public final class Main {
  /** Every command, in the order --help lists them. */
  private static final Map<String, Supplier<Object>> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("version", VersionCommand::new);
    COMMANDS.put("config", ConfigCommand::new);
    COMMANDS.put("plan", PlanCommand::new);
    COMMANDS.put("apply", ApplyCommand::new);
    COMMANDS.put("status", StatusCommand::new);
    COMMANDS.put("secondary", SecondaryCommand::new);
    COMMANDS.put("ddns", DdnsCommand::new);
    COMMANDS.put("import", ImportCommand::new);
    COMMANDS.put("__aot-training", AotTrainingCommand::new);
  }

  /** Global options that take a value, so the word after them is not a command name. */
  private static final Set<String> OPTIONS_WITH_VALUE =
      Set.of("-c", "--config", "--log-format", "--syslog");

  private Main() {}

  public static void main(String[] args) {
    String named = commandName(args);
    if (named != null && !named.equals("version")) {
      StartupWarmUp.start();
    }
    System.exit(run(args));
  }

  /** Runs {@code args} and returns the exit code (for tests and the daemon). */
  public static int run(String... args) {
    return commandLine(args).execute(args);
  }

  /** The whole command tree, as --help and the completion script show it. */
  static CommandLine commandLine() {
    return commandLine(new String[0]);
  }

  /**
   * The command tree for {@code args}. picocli reflects over every registered command before it
   * parses anything, so when the command is named, only that one is registered: start-up pays for
   * the command that runs, not for all of them. Anything else (help, an unknown word) gets the
   * whole tree, so listings and "did you mean" stay complete.
   */
  static CommandLine commandLine(String[] args) {
    HostkeepCommand top = new HostkeepCommand();
    CommandLine commandLine = new CommandLine(top);
    String named = commandName(args);
    COMMANDS.forEach(
        (name, command) -> {
          if (named == null || named.equals(name)) {
            commandLine.addSubcommand(name, command.get());
          }
        });
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionExceptionHandler(new ErrorHandler(top));
    commandLine.setUsageHelpAutoWidth(true);
    if (System.getenv("NO_COLOR") != null) {
      commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    }
    return commandLine;
  }

  /** The first word of {@code args} that is not a global option, if it names a command. */
  private static String commandName(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--")) {
        return null;
      }
      if (arg.startsWith("-")) {
        if (OPTIONS_WITH_VALUE.contains(arg)) {
          i++;
        }
        continue;
      }
      return COMMANDS.containsKey(arg) ? arg : null;
    }
    return null;
  }
}
