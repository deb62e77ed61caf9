package dev.hostkeep.cli;

import dev.hostkeep.backup.site.Part;
import dev.hostkeep.backup.site.Site;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hostkeep sites}: the sites the config backs up. */
@Command(
    name = "sites",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    synopsisSubcommandLabel = "COMMAND",
    description = {"The customer sites of the config's sites section.", ""},
    commandListHeading = "%nCommands:%n")
final class SitesCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List each site with its host, repository, schedule, retention and parts.")
  static final class ListSites implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Session session = HostkeepCommand.session(spec);
      List<Site> sites = BackupCommand.sites(session);
      if (session.json()) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Site site : sites) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("name", site.name());
          row.put("host", site.host());
          row.put("repository", site.repository());
          row.put("schedule", site.schedule().toString());
          List<Map<String, String>> parts = new ArrayList<>();
          for (Part part : site.parts()) {
            parts.add(Map.of("name", part.name(), "kind", part.kind()));
          }
          row.put("parts", parts);
          out.add(row);
        }
        Json.print(session.out(), Map.of("sites", out));
        return 0;
      }
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"SITE", "HOST", "REPOSITORY", "SCHEDULE", "PARTS"});
      for (Site site : sites) {
        rows.add(
            new String[] {
              site.name(),
              site.host(),
              site.repository(),
              site.schedule().toString(),
              String.join(
                  ", ", site.parts().stream().map(p -> p.name() + " (" + p.kind() + ")").toList())
            });
      }
      if (sites.isEmpty()) {
        session.out().println("no sites in " + session.config().origin());
      } else {
        Table.print(session.out(), rows);
      }
      session.out().flush();
      return 0;
    }
  }
}
