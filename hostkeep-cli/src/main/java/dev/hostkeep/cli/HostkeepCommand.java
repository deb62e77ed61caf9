package dev.hostkeep.cli;

import dev.hostkeep.core.secret.Redactor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hostkeep}: the top command; it only holds the global options and lists the commands. */
@Command(
    name = "hostkeep",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    synopsisSubcommandLabel = "COMMAND",
    header = "Keeps a hosting fleet's DNS and data in order: one config, one plan -> apply loop.",
    description = {
      "",
      "hostkeep observes what is, computes what should be, shows the plan, applies it safely and",
      "remembers what each target confirmed. 'plan' never changes anything; 'apply' refuses plans",
      "that would delete or rewrite too much unless --force.",
      ""
    },
    commandListHeading = "%nCommands:%n",
    footerHeading = "%nExamples:%n",
    footer = {
      "  hostkeep config check -c /etc/hostkeep/hostkeep.yaml",
      "  hostkeep plan                 # what would change, for every configured capability",
      "  hostkeep apply secondary --yes",
      "",
      "Exit codes: 0 done or nothing to do, 1 failure, 2 usage or config error,",
      "            3 the guard refused the plan (see --force), 4 partial failure.",
      "Docs: README.md and docs/ in the distribution."
    })
final class HostkeepCommand implements Runnable {
  @Mixin GlobalOptions options = new GlobalOptions();

  @Spec CommandSpec spec;

  private final Redactor redactor = new Redactor();
  private Session session;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  Redactor redactor() {
    return redactor;
  }

  /** The session of this invocation, built on first use by whichever command runs. */
  static Session session(CommandSpec command) {
    HostkeepCommand top = (HostkeepCommand) command.root().userObject();
    if (top.session == null) {
      top.session =
          new Session(
              top.options,
              top.redactor,
              command.root().commandLine().getOut(),
              command.root().commandLine().getErr());
    }
    return top.session;
  }
}
