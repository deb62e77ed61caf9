package dev.hostkeep.cli;

import dev.hostkeep.core.ExitCode;
import dev.hostkeep.core.HostkeepException;
import java.util.HashMap;
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
    COMMANDS.put("replicate", ReplicateCommand::new);
    COMMANDS.put("repo", RepoCommand::new);
    COMMANDS.put("sites", SitesCommand::new);
    COMMANDS.put("backup", BackupCommand::new);
    COMMANDS.put("import", ImportCommand::new);
    COMMANDS.put("__aot-training", AotTrainingCommand::new);
  }

  /**
   * The subcommands of the commands that have them, in --help order. They are registered here, not
   * in their parents' annotations, so that the same rule applies one level down: {@code ddns
   * update} pays for picocli's model of {@code update} only, not of {@code status} and {@code
   * detect}.
   */
  private static final Map<String, Map<String, Supplier<Object>>> SUBCOMMANDS = new HashMap<>();

  static {
    Map<String, Supplier<Object>> config = new LinkedHashMap<>();
    config.put("check", ConfigCommand.Check::new);
    SUBCOMMANDS.put("config", config);
    Map<String, Supplier<Object>> secondary = new LinkedHashMap<>();
    secondary.put("sync", SecondaryCommand.Sync::new);
    secondary.put("status", SecondaryCommand.Status::new);
    SUBCOMMANDS.put("secondary", secondary);
    Map<String, Supplier<Object>> ddns = new LinkedHashMap<>();
    ddns.put("update", DdnsCommand.Update::new);
    ddns.put("status", DdnsCommand.Status::new);
    ddns.put("detect", DdnsCommand.Detect::new);
    SUBCOMMANDS.put("ddns", ddns);
    Map<String, Supplier<Object>> replicate = new LinkedHashMap<>();
    replicate.put("sync", ReplicateCommand.Sync::new);
    replicate.put("push", ReplicateCommand.Push::new);
    replicate.put("status", ReplicateCommand.Status::new);
    replicate.put("listen", ReplicateCommand.Listen::new);
    SUBCOMMANDS.put("replicate", replicate);
    Map<String, Supplier<Object>> repo = new LinkedHashMap<>();
    repo.put("init", RepoCommand.Init::new);
    repo.put("backup", RepoCommand.Backup::new);
    repo.put("snapshots", RepoCommand.Snapshots::new);
    repo.put("ls", RepoCommand.Ls::new);
    repo.put("restore", RepoCommand.Restore::new);
    repo.put("dump", RepoCommand.Dump::new);
    repo.put("check", RepoCommand.Check::new);
    repo.put("forget", RepoRetention.Forget::new);
    repo.put("prune", RepoRetention.Prune::new);
    repo.put("key", RepoCommand.Key::new);
    SUBCOMMANDS.put("repo", repo);
    Map<String, Supplier<Object>> sites = new LinkedHashMap<>();
    sites.put("list", SitesCommand.ListSites::new);
    SUBCOMMANDS.put("sites", sites);
    Map<String, Supplier<Object>> backup = new LinkedHashMap<>();
    backup.put("run", BackupCommand.Run::new);
    backup.put("status", BackupCommand.Status::new);
    backup.put("due", BackupCommand.Due::new);
    backup.put("forget", BackupCommand.Forget::new);
    backup.put("verify", BackupCommand.Verify::new);
    backup.put("restore", BackupCommand.Restore::new);
    SUBCOMMANDS.put("backup", backup);
    Map<String, Supplier<Object>> imports = new LinkedHashMap<>();
    imports.put("ovh-dnsupdater", ImportCommand.OvhDnsUpdater::new);
    imports.put("ddns-conf", ImportCommand.DdnsConf::new);
    imports.put("vakap", ImportCommand.Vakap::new);
    SUBCOMMANDS.put("import", imports);
  }

  /** Global options that take a value, so the word after them is not a command name. */
  private static final Set<String> OPTIONS_WITH_VALUE =
      Set.of("-c", "--config", "--log-format", "--syslog");

  private Main() {}

  /**
   * Whether a command line gets the start-up warm-up: working commands do; {@code version} and a
   * request for help or the version only print, and must not load native code (the launcher grants
   * native access only to working commands, and Java warns on stderr about any other).
   */
  static boolean warmsUp(String[] args, String named) {
    if (!COMMANDS.containsKey(named) || named.equals("version")) {
      return false;
    }
    for (String arg : args) {
      if (arg.equals("--")) {
        break;
      }
      if (PRINT_ONLY.contains(arg)) {
        return false;
      }
    }
    return true;
  }

  /** Options with which a command prints its help or version and does nothing else. */
  private static final Set<String> PRINT_ONLY = Set.of("-h", "--help", "-V", "--version");

  public static void main(String[] args) {
    int at = commandIndex(args, 0);
    String named = at < 0 ? null : args[at];
    if (warmsUp(args, named)) {
      StartupWarmUp.start(named);
    }
    int code;
    try {
      code = run(args);
    } catch (OutOfMemoryError e) {
      System.err.println("hostkeep: " + HostkeepException.outOfMemory());
      code = ExitCode.FAILURE.code();
    }
    System.exit(code);
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
   * parses anything, so when the command is named, only that one is registered (and of its
   * subcommands, only the one named): start-up pays for the command that runs, not for all of them.
   * Anything else (help, an unknown word) gets the whole tree at that level, so listings and "did
   * you mean" stay complete.
   */
  static CommandLine commandLine(String[] args) {
    HostkeepCommand top = new HostkeepCommand();
    CommandLine commandLine = new CommandLine(top);
    int at = commandIndex(args, 0);
    String named = at < 0 || !COMMANDS.containsKey(args[at]) ? null : args[at];
    COMMANDS.forEach(
        (name, command) -> {
          if (named == null || named.equals(name)) {
            commandLine.addSubcommand(name, command.get());
            Map<String, Supplier<Object>> subcommands = SUBCOMMANDS.getOrDefault(name, Map.of());
            int subAt = named == null ? -1 : commandIndex(args, at + 1);
            String sub = subAt < 0 || !subcommands.containsKey(args[subAt]) ? null : args[subAt];
            CommandLine parent = commandLine.getSubcommands().get(name);
            subcommands.forEach(
                (subName, subcommand) -> {
                  if (sub == null || sub.equals(subName)) {
                    parent.addSubcommand(subName, subcommand.get());
                  }
                });
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

  /** The index of the first word of {@code args} from {@code from} on that is not an option. */
  private static int commandIndex(String[] args, int from) {
    for (int i = from; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--")) {
        return -1;
      }
      if (arg.startsWith("-")) {
        if (OPTIONS_WITH_VALUE.contains(arg)) {
          i++;
        }
        continue;
      }
      return i;
    }
    return -1;
  }
}
