package dev.hostkeep.dns.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hostkeep.core.capability.Plugins;
import dev.hostkeep.core.capability.ProviderType;
import dev.hostkeep.core.config.ConfigException;
import dev.hostkeep.core.config.HostkeepConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every provider type's test checks the same way: that ServiceLoader finds it, and reading its
 * entries from a real config file. A test names the type and the environment its {@code ${env:}}
 * references read, then checks what its section means.
 */
public abstract class ProviderTypeContract {
  @TempDir protected Path dir;
  private final String typeName;
  private final ProviderType providerType;
  private final Map<String, String> env;

  /**
   * Tests {@code providerType}, which answers to {@code type: typeName}; {@code env} is what the
   * test configs' {@code ${env:NAME}} references read.
   */
  protected ProviderTypeContract(
      String typeName, ProviderType providerType, Map<String, String> env) {
    this.typeName = typeName;
    this.providerType = providerType;
    this.env = env;
  }

  @Test
  void isFoundByServiceLoader() {
    assertThat(Plugins.discover(getClass().getClassLoader()).providerTypes())
        .containsKey(typeName)
        .extractingByKey(typeName)
        .isInstanceOf(providerType.getClass());
  }

  /** {@code yaml} as a config file, loaded with this provider type only. */
  protected HostkeepConfig load(String yaml) throws IOException {
    return ProviderConfigs.load(dir, providerType, env, yaml);
  }

  /** The mistakes loading {@code yaml} reports, all at once. */
  protected ConfigException mistakes(String yaml) {
    return catchThrowableOfType(ConfigException.class, () -> load(yaml));
  }
}
