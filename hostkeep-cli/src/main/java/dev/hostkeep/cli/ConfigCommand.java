package dev.hostkeep.cli;

import dev.hostkeep.core.capability.ConfiguredCapability;
import dev.hostkeep.core.capability.Providers;
import dev.hostkeep.core.config.HostkeepConfig;
import dev.hostkeep.core.config.Problem;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    name = "config",
    description = "Work with the config file.",
    synopsisSubcommandLabel = "COMMAND")
final class ConfigCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      versionProvider = VersionCommand.Provider.class,
      description = {
        "Read and validate the config; print it resolved, with every secret shown as ****.",
        "Every problem is listed at once with file:line:column; exit code 2 when there is one."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  hostkeep config check -c hostkeep.yaml",
        "  HOSTKEEP_CONFIG=./hostkeep.yaml hostkeep config check --json"
      })
  static final class Check implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
      Session session = HostkeepCommand.session(spec);
      HostkeepConfig config = session.config();
      if (session.json()) {
        Json.print(session.out(), json(config));
        return;
      }
      PrintWriter out = session.out();
      for (Problem warning : config.warnings()) {
        session.err().println("hostkeep: " + warning);
      }
      session.err().flush();
      out.println("# " + config.origin() + ": OK");
      out.println("# providers: " + names(config.providers().all().keySet()));
      out.println("# capabilities: " + names(config.capabilities().keySet()));
      if (!session.options().quiet) {
        out.print(config.masked());
      }
      out.flush();
    }

    private static String names(java.util.Collection<String> names) {
      return names.isEmpty() ? "(none)" : String.join(", ", names);
    }

    private static Map<String, Object> json(HostkeepConfig config) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("ok", true);
      json.put("file", config.file().map(Object::toString).orElse(null));
      json.put("warnings", Json.problems(config.warnings()));
      List<Map<String, String>> providers =
          config.providers().all().values().stream()
              .map((Providers.Configured p) -> Map.of("name", p.name(), "type", p.type()))
              .toList();
      json.put("providers", providers);
      json.put(
          "capabilities",
          config.capabilities().values().stream().map(ConfiguredCapability::name).toList());
      json.put("resolved", config.masked());
      return json;
    }
  }
}
