package dev.hostkeep.cli;

import dev.hostkeep.core.ExitCode;
import dev.hostkeep.core.capability.ConfiguredCapability;
import dev.hostkeep.core.config.HostkeepConfig;
import dev.hostkeep.core.engine.Engine;
import dev.hostkeep.core.engine.Engine.PlanResult;
import dev.hostkeep.core.state.StateStore;
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
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    name = "plan",
    description = {
      "Show what apply would change, per capability and target. Changes nothing at all:",
      "no target, no file, no cache and no state is written (the state is opened read-only)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  hostkeep plan",
      "  hostkeep plan secondary ddns --refresh",
      "  hostkeep plan --json | jq '.plans[].counts'"
    })
final class PlanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "CAPABILITY",
      arity = "0..*",
      description = "Capabilities to plan (default: every configured one).")
  List<String> capabilities = new ArrayList<>();

  @Option(
      names = "--refresh",
      description = "Re-read every target instead of trusting cached observations.")
  boolean refresh;

  @Override
  public Integer call() {
    Session session = HostkeepCommand.session(spec);
    HostkeepConfig config = session.config();
    List<ConfiguredCapability> selected =
        Engine.select(config, capabilities, session.plugins().capabilities().keySet());
    List<PlanResult> results;
    try (StateStore state = session.readOnlyState()) {
      results = session.engine().plan(selected, state, refresh);
    }
    PlanPrinter printer = new PlanPrinter(session.out(), session.color(), session.redactor());
    boolean failed = results.stream().anyMatch(r -> r.failed() || !r.plan().problems().isEmpty());
    if (session.json()) {
      Json.print(session.out(), json(config, results, printer));
    } else {
      print(session, config, results, printer);
    }
    return failed ? ExitCode.FAILURE.code() : ExitCode.OK.code();
  }

  private static void print(
      Session session, HostkeepConfig config, List<PlanResult> results, PlanPrinter printer) {
    if (results.isEmpty()) {
      session.out().println("Nothing is configured in " + config.origin() + ".");
      session
          .out()
          .println("Add a capability section (see 'hostkeep config check' and README.md).");
      session.out().flush();
      return;
    }
    for (PlanResult result : results) {
      if (result.failed()) {
        session
            .err()
            .println("hostkeep: " + result.capability() + ": cannot plan: " + result.error());
        session.err().flush();
      } else {
        printer.print(result.plan(), result.refusals());
      }
    }
    printer.summary(results.stream().filter(r -> !r.failed()).map(PlanResult::plan).toList());
  }

  private static Map<String, Object> json(
      HostkeepConfig config, List<PlanResult> results, PlanPrinter printer) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("config", config.file().map(Object::toString).orElse(null));
    List<Map<String, Object>> plans = new ArrayList<>();
    for (PlanResult result : results) {
      if (result.failed()) {
        plans.add(Map.of("capability", result.capability(), "error", result.error()));
      } else {
        plans.add(printer.json(result.plan(), result.refusals()));
      }
    }
    json.put("plans", plans);
    return json;
  }
}
