package dev.hostkeep.core.config;

import dev.hostkeep.core.apply.TargetExecutor;
import dev.hostkeep.core.capability.Capability;
import dev.hostkeep.core.capability.ConfigureContext;
import dev.hostkeep.core.capability.ConfiguredCapability;
import dev.hostkeep.core.capability.Plugins;
import dev.hostkeep.core.capability.ProviderType;
import dev.hostkeep.core.capability.RunContext;
import dev.hostkeep.core.plan.Plan;
import dev.hostkeep.core.secret.Secret;
import java.time.Duration;
import java.util.List;

/** A small capability and provider type, handed to {@link Plugins} directly (no ServiceLoader). */
final class TestPlugins {
  private TestPlugins() {}

  static Plugins plugins() {
    return new Plugins(
        List.of(new NotesCapability(), new NamedCapability("test-backup")),
        List.of(new ApiProviderType(), new NamedProviderType("test-dns")));
  }

  /** What a {@code test-api} provider entry configures. */
  record Api(String url, Secret apiKey) {}

  /** What a {@code test-notes} section configures. */
  record Notes(String path, Duration every, Api via) implements ConfiguredCapability {
    @Override
    public String name() {
      return "test-notes";
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

  static final class ApiProviderType implements ProviderType {
    @Override
    public String type() {
      return "test-api";
    }

    @Override
    public String summary() {
      return "a test API";
    }

    @Override
    public Object configure(ConfigObject section) {
      return new Api(section.string("url"), section.secret("api_key"));
    }
  }

  static final class NotesCapability implements Capability {
    @Override
    public String name() {
      return "test-notes";
    }

    @Override
    public String summary() {
      return "writes notes";
    }

    @Override
    public ConfiguredCapability configure(ConfigValue section, ConfigureContext context) {
      ConfigObject object = section.asObject().orElse(null);
      if (object == null) {
        return null;
      }
      String path = object.string("path");
      Duration every = object.duration("every", Duration.ofHours(1));
      Api via =
          object
              .value("via", true)
              .flatMap(v -> context.providers().lookup(v, Api.class, "an API"))
              .orElse(null);
      object.finish();
      return new Notes(path, every, via);
    }
  }

  record NamedCapability(String name) implements Capability {
    @Override
    public String summary() {
      return name;
    }

    @Override
    public ConfiguredCapability configure(ConfigValue section, ConfigureContext context) {
      return null;
    }
  }

  record NamedProviderType(String type) implements ProviderType {
    @Override
    public String summary() {
      return type;
    }

    @Override
    public Object configure(ConfigObject section) {
      return type;
    }
  }
}
