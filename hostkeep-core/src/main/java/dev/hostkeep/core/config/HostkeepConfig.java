package dev.hostkeep.core.config;

import dev.hostkeep.core.capability.ConfiguredCapability;
import dev.hostkeep.core.capability.Providers;
import dev.hostkeep.core.plan.GuardPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole config, read and validated: where it came from ({@code file} is empty for the built-in
 * defaults), the state store, the guard defaults, logging, the providers and the configured
 * capabilities in file order, and the values of other sections ({@code repositories}) by name.
 * {@code warnings} are problems that do not stop a run; {@code masked} is the resolved config as
 * YAML with every secret replaced by {@code ****}.
 */
public record HostkeepConfig(
    Optional<Path> file,
    Optional<String> state,
    GuardPolicy guard,
    LogSettings log,
    Providers providers,
    Map<String, ConfiguredCapability> capabilities,
    Map<String, Object> sections,
    List<Problem> warnings,
    String masked) {

  public HostkeepConfig {
    capabilities =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(capabilities));
    sections = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sections));
    warnings = List.copyOf(warnings);
  }

  /** The value of section {@code name}, if the config has it and it is of {@code type}. */
  public <T> Optional<T> section(String name, Class<T> type) {
    Object value = sections.get(name);
    return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
  }

  /** "/etc/hostkeep/hostkeep.yaml" or "built-in defaults (no config file)". */
  public String origin() {
    return file.map(Path::toString).orElse("built-in defaults (no config file)");
  }
}
