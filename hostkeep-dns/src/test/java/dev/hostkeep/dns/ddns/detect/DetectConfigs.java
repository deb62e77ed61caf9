package dev.hostkeep.dns.ddns.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hostkeep.core.apply.TargetExecutor;
import dev.hostkeep.core.capability.Capability;
import dev.hostkeep.core.capability.ConfigureContext;
import dev.hostkeep.core.capability.ConfiguredCapability;
import dev.hostkeep.core.capability.Plugins;
import dev.hostkeep.core.capability.RunContext;
import dev.hostkeep.core.config.ConfigException;
import dev.hostkeep.core.config.ConfigLoader;
import dev.hostkeep.core.config.ConfigValue;
import dev.hostkeep.core.config.Problem;
import dev.hostkeep.core.plan.Plan;
import dev.hostkeep.core.secret.Redactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a {@code detect:} section through the real config loader, inside a section {@code
 * test-detect:} shaped like one ddns entry, as {@code hostkeep config check} would.
 */
final class DetectConfigs {
  private final Path dir;
  private final DetectionContext context;

  DetectConfigs(Path dir, DetectionContext context) {
    this.dir = dir;
    this.context = context;
  }

  /** The file the config is written to, for expected positions. */
  Path file() {
    return dir.resolve("hostkeep.yaml");
  }

  /** {@code yaml} is the text under {@code detect:}, indented as if at the top level. */
  AddressDetection load(String yaml) {
    String indented = yaml.strip().indent(4);
    try {
      Files.writeString(file(), "test-detect:\n  detect:\n" + indented);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ConfigLoader loader =
        new ConfigLoader(
            new Plugins(List.of(new TestDetect(context)), List.of()), new Redactor(), name -> null);
    return ((Configured) loader.load(file()).capabilities().get("test-detect")).detection();
  }

  /** The problems reading {@code yaml} reports, as {@code file:line:column: message}. */
  List<String> errors(String yaml) {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(yaml));
    assertThat(e).as("the config must be refused").isNotNull();
    return e.problems().stream().map(Problem::toString).toList();
  }

  private record TestDetect(DetectionContext context) implements Capability {
    @Override
    public String name() {
      return "test-detect";
    }

    @Override
    public String summary() {
      return "one ddns entry's address detection under test";
    }

    @Override
    public ConfiguredCapability configure(ConfigValue section, ConfigureContext configure) {
      return section
          .asObject()
          .map(
              object -> {
                AddressDetection detection =
                    AddressDetection.read(object.object("detect"), context);
                object.finish();
                return new Configured(detection);
              })
          .orElse(null);
    }
  }

  private record Configured(AddressDetection detection) implements ConfiguredCapability {
    @Override
    public String name() {
      return "test-detect";
    }

    @Override
    public Plan plan(RunContext context) {
      return Plan.empty(name());
    }

    @Override
    public TargetExecutor executor(String target, RunContext context) {
      throw new UnsupportedOperationException();
    }
  }
}
