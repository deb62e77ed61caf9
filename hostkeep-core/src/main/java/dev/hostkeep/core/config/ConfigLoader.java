package dev.hostkeep.core.config;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.capability.Capability;
import dev.hostkeep.core.capability.ConfigSection;
import dev.hostkeep.core.capability.ConfigureContext;
import dev.hostkeep.core.capability.ConfiguredCapability;
import dev.hostkeep.core.capability.Plugins;
import dev.hostkeep.core.capability.ProviderType;
import dev.hostkeep.core.capability.Providers;
import dev.hostkeep.core.config.ConfigNode.MapNode;
import dev.hostkeep.core.plan.GuardPolicy;
import dev.hostkeep.core.secret.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and validates the config file in one pass: the top level, {@code providers} (each read by
 * its {@link ProviderType}), and each capability's section (read by the {@link Capability} of that
 * name). Every problem is collected; if any is an error, {@link #load} throws one {@link
 * ConfigException} listing them all.
 */
public final class ConfigLoader {
  static final List<String> CORE_KEYS = List.of("state", "guard", "log", "providers");
  private static final Pattern URL_PASSWORD =
      Pattern.compile("^[a-z][a-z0-9+.-]*://[^:/@]*:([^/]*)@|[?&]password=([^&]*)");

  private final Plugins plugins;
  private final Redactor redactor;
  private final Function<String, String> environment;

  public ConfigLoader(Plugins plugins, Redactor redactor, Function<String, String> environment) {
    this.plugins = plugins;
    this.redactor = redactor;
    this.environment = environment;
  }

  /**
   * Loads the YAML parser's classes, so a thread can do it while the main thread is still parsing
   * the command line. Reads no file and has no other effect.
   */
  public static void warmUp() {
    YamlLoader.warmUp();
  }

  /** Reads {@code file}; throws {@link ConfigException} listing every error. */
  public HostkeepConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw HostkeepException.usage("cannot read config file " + file + ": " + e.getMessage());
    }
    return read(Optional.of(file), file.toString(), text, References.readableByOthers(file));
  }

  /** The config hostkeep runs on when there is no config file. */
  public HostkeepConfig defaults() {
    return read(Optional.empty(), "(built-in defaults)", "", false);
  }

  HostkeepConfig read(Optional<Path> file, String name, String text, boolean readableByOthers) {
    Problems problems = new Problems();
    ConfigReader reader = new ConfigReader(problems, redactor, name, readableByOthers);
    MapNode root = new YamlLoader(name, new References(environment, redactor), problems).load(text);
    ConfigObject top = new ConfigObject(root, "", reader);

    Optional<String> state = top.optionalString("state");
    state.ifPresent(
        url -> {
          boolean inline = top.value("state", true).map(v -> !v.fromReference()).orElse(false);
          if (registerUrlPassword(url) && inline && readableByOthers) {
            problems.warning(
                top.value("state", true).get().position(),
                "the state URL holds a password and this config can be read by group or others:"
                    + " chmod 600 "
                    + name
                    + ", or write the URL as ${file:/path}");
          }
        });
    GuardPolicy guard =
        top.object("guard").map(g -> guard(g, GuardPolicy.DEFAULT)).orElse(GuardPolicy.DEFAULT);
    LogSettings log = top.object("log").map(ConfigLoader::log).orElse(LogSettings.DEFAULT);
    Providers providers = new Providers(providers(top));
    Map<String, ConfiguredCapability> capabilities = new LinkedHashMap<>();
    for (String key : top.keys()) {
      Capability capability = plugins.capabilities().get(key);
      if (capability != null) {
        top.value(key, true)
            .ifPresent(
                section ->
                    capabilities.put(
                        key,
                        capability.configure(section, new ConfigureContext(providers, guard))));
      }
    }
    Map<String, Object> sections = new LinkedHashMap<>();
    for (String key : top.keys()) {
      ConfigSection section = plugins.sections().get(key);
      if (section != null) {
        top.value(key, true).ifPresent(value -> sections.put(key, section.configure(value)));
      }
    }
    top.allow(plugins.capabilities().keySet().toArray(String[]::new));
    top.allow(plugins.sections().keySet().toArray(String[]::new));
    top.finish();
    if (problems.hasErrors()) {
      throw new ConfigException(problems.all());
    }
    String masked = redactor.redact(ConfigRenderer.render(root, reader));
    return new HostkeepConfig(
        file, state, guard, log, providers, capabilities, sections, problems.warnings(), masked);
  }

  private Map<String, Providers.Configured> providers(ConfigObject top) {
    return top.named(
        "providers",
        section -> {
          String type = section.string("type");
          ProviderType providerType = type == null ? null : plugins.providerTypes().get(type);
          if (providerType == null) {
            if (type != null) {
              section
                  .reader()
                  .problems()
                  .error(section.position(), unknownType(type, section.path()));
            }
            section.allow(section.keys().toArray(String[]::new));
            return new Providers.Configured(section.path(), String.valueOf(type), null);
          }
          Object instance = providerType.configure(section);
          section.finish();
          String name = section.path().substring("providers.".length());
          return new Providers.Configured(name, type, instance);
        });
  }

  private String unknownType(String type, String path) {
    List<String> known = new ArrayList<>(plugins.providerTypes().keySet());
    return "unknown provider type '"
        + type
        + "' in '"
        + path
        + "'"
        + Suggestions.didYouMean(type, known)
        + (known.isEmpty()
            ? "; this build has no provider types"
            : "; known types: " + String.join(", ", known));
  }

  /**
   * Reads a {@code guard:} mapping ({@code max_share}, {@code min_changes}); keys left out keep the
   * values of {@code defaults}. Capabilities use it for their own per-entry guard sections.
   */
  public static GuardPolicy guard(ConfigObject section, GuardPolicy defaults) {
    double share = section.share("max_share", defaults.maxShare());
    int min = section.integer("min_changes", defaults.minChanges(), 1, 1_000_000);
    section.finish();
    return new GuardPolicy(share, min);
  }

  private static LogSettings log(ConfigObject section) {
    LogSettings.Level level =
        section.choice("level", LogSettings.Level.class, LogSettings.Level.WARN);
    LogSettings.Format format =
        section.choice("format", LogSettings.Format.class, LogSettings.Format.TEXT);
    Optional<String> syslog = section.optionalString("syslog");
    String facility = section.string("facility", "daemon");
    section.finish();
    return new LogSettings(level, format, syslog, facility);
  }

  /** Registers any password in {@code url} as a secret; returns whether there was one. */
  private boolean registerUrlPassword(String url) {
    Matcher matcher = URL_PASSWORD.matcher(url);
    boolean found = false;
    while (matcher.find()) {
      String password = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
      redactor.register(password);
      found |= !password.isEmpty();
    }
    return found;
  }
}
