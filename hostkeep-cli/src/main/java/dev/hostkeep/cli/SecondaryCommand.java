package dev.hostkeep.cli;

import dev.hostkeep.core.state.StateStore;
import dev.hostkeep.dns.secondary.ConfiguredSecondary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "secondary",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "Keep secondary DNS services provisioned with every zone the primary serves.",
    synopsisSubcommandLabel = "COMMAND")
final class SecondaryCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static ConfiguredSecondary configured(Session session, String name) {
    return Entries.select(
        session,
        "secondary",
        ConfiguredSecondary.class,
        name,
        ConfiguredSecondary::entryNames,
        ConfiguredSecondary::only);
  }

  @Command(
      name = "sync",
      mixinStandardHelpOptions = true,
      versionProvider = VersionCommand.Provider.class,
      description = {
        "Add the primary's zones to every secondary target and remove the ones it dropped.",
        "Made for cron: prints nothing when nothing changed, a short report when something did.",
        "Soft by default (no target is contacted while the zone list is unchanged); --refresh reads",
        "every target again and shows drift. The guard refuses mass removals unless --force."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  hostkeep secondary sync                  # every entry",
        "  hostkeep secondary sync ovh --dry-run    # what would change, nothing written",
        "  hostkeep secondary sync --refresh --force"
      })
  static final class Sync implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "Only this secondary entry.")
    String name;

    @Option(
        names = "--dry-run",
        description = "Show the changes without making them (nothing is written, not even state).")
    boolean dryRun;

    @Option(names = "--refresh", description = "Read every target again instead of trusting state.")
    boolean refresh;

    @Option(names = "--force", description = "Apply even if the guard refuses the plan.")
    boolean force;

    @Override
    public Integer call() {
      Session session = HostkeepCommand.session(spec);
      ConfiguredSecondary secondary = configured(session, name);
      return new QuietRun(session, "secondary")
          .run(secondary, dryRun, QuietRun.options(force, refresh));
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      versionProvider = VersionCommand.Provider.class,
      description = "Per target: zones it serves (as confirmed), last full read, pending failures.",
      footerHeading = "%nExamples:%n",
      footer = {"  hostkeep secondary status", "  hostkeep secondary status --json"})
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Session session = HostkeepCommand.session(spec);
      ConfiguredSecondary secondary = configured(session, null);
      List<ConfiguredSecondary.TargetStatus> status;
      try (StateStore state = session.readOnlyState()) {
        status = secondary.status(state);
      }
      if (session.json()) {
        List<Map<String, Object>> json = new ArrayList<>();
        for (var target : status) {
          Map<String, Object> t = new LinkedHashMap<>();
          t.put("target", target.target());
          t.put("zones", target.zones());
          t.put("last_full_read", target.lastFullRead().map(Object::toString).orElse(null));
          t.put("pending_failures", target.pendingFailures());
          json.add(t);
        }
        Json.print(session.out(), Map.of("targets", json));
        return 0;
      }
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"TARGET", "ZONES", "LAST FULL READ", "PENDING FAILURES"});
      for (var target : status) {
        rows.add(
            new String[] {
              target.target(),
              String.valueOf(target.zones()),
              target.lastFullRead().map(Object::toString).orElse("never"),
              String.valueOf(target.pendingFailures().size())
            });
      }
      Table.print(session.out(), rows);
      for (var target : status) {
        for (String failure : target.pendingFailures()) {
          session.out().println("  " + target.target() + ": " + session.redactor().redact(failure));
        }
      }
      session.out().flush();
      return 0;
    }
  }
}
