package dev.hostkeep.core.config;

import dev.hostkeep.core.HostkeepException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the config file: {@code -c FILE}, else {@code $HOSTKEEP_CONFIG}, else {@code
 * /etc/hostkeep/hostkeep.yaml}. A file named by {@code -c} or the variable must exist; when the
 * default file is absent hostkeep runs on its built-in defaults.
 */
public final class ConfigLocator {
  public static final Path DEFAULT = Path.of("/etc/hostkeep/hostkeep.yaml");
  public static final String VARIABLE = "HOSTKEEP_CONFIG";

  private ConfigLocator() {}

  public static Optional<Path> locate(Optional<Path> option, Function<String, String> environment) {
    if (option.isPresent()) {
      return Optional.of(mustExist(option.get(), "-c"));
    }
    String variable = environment.apply(VARIABLE);
    if (variable != null && !variable.isBlank()) {
      return Optional.of(mustExist(Path.of(variable), "$" + VARIABLE));
    }
    return Files.isRegularFile(DEFAULT) ? Optional.of(DEFAULT) : Optional.empty();
  }

  private static Path mustExist(Path path, String via) {
    if (!Files.exists(path)) {
      throw HostkeepException.usage("config file " + path + " (from " + via + ") does not exist");
    }
    if (!Files.isRegularFile(path)) {
      throw HostkeepException.usage("config file " + path + " (from " + via + ") is not a file");
    }
    if (!Files.isReadable(path)) {
      throw HostkeepException.usage(
          "config file " + path + " (from " + via + ") cannot be read: permission denied");
    }
    return path;
  }
}
