package dev.hostkeep.dns.provider;

import dev.hostkeep.core.capability.Plugins;
import dev.hostkeep.core.capability.ProviderType;
import dev.hostkeep.core.config.ConfigLoader;
import dev.hostkeep.core.config.HostkeepConfig;
import dev.hostkeep.core.secret.Redactor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/** Provider entries read the way a user's config file is: written, locked down, then loaded. */
public final class ProviderConfigs {
  private ProviderConfigs() {}

  /**
   * {@code yaml} written to {@code dir} and loaded with {@code type}; {@code env} for {@code
   * ${env:}}.
   */
  public static HostkeepConfig load(
      Path dir, ProviderType type, Map<String, String> env, String yaml) throws IOException {
    return load(dir, new Plugins(List.of(), List.of(type)), env, yaml);
  }

  /** {@code yaml} written to {@code dir} and loaded with {@code plugins}. */
  public static HostkeepConfig load(Path dir, Plugins plugins, Map<String, String> env, String yaml)
      throws IOException {
    Path file = dir.resolve("hostkeep.yaml");
    Files.writeString(file, yaml);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return new ConfigLoader(plugins, new Redactor(), env::get).load(file);
  }
}
