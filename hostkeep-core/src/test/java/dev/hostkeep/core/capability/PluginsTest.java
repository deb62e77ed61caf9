package dev.hostkeep.core.capability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.config.ConfigObject;
import dev.hostkeep.core.config.ConfigValue;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginsTest {
  @Test
  void twoCapabilitiesWithOneNameAreBothNamed() {
    assertThatThrownBy(() -> new Plugins(List.of(new FirstNotes(), new SecondNotes()), List.of()))
        .isInstanceOf(HostkeepException.class)
        .hasMessage(
            "two capabilities are both named 'notes': "
                + FirstNotes.class.getName()
                + " and "
                + SecondNotes.class.getName()
                + "; remove one of the jars that provide them");
  }

  @Test
  void twoProviderTypesWithOneNameAreBothNamed() {
    assertThatThrownBy(() -> new Plugins(List.of(), List.of(new Api("api"), new OtherApi())))
        .hasMessageContaining("two provider types are both named 'api'")
        .hasMessageContaining(Api.class.getName())
        .hasMessageContaining(OtherApi.class.getName());
  }

  @Test
  void indexesPluginsByNameInTheOrderGiven() {
    Plugins plugins = new Plugins(List.of(new FirstNotes()), List.of(new Api("b"), new Api("a")));

    assertThat(plugins.capabilities()).containsOnlyKeys("notes");
    assertThat(plugins.providerTypes().keySet()).containsExactly("b", "a");
  }

  /** A class loader that sees the test classes plus the given service registrations. */
  private static URLClassLoader registering(Path dir, Class<?> service, Class<?>... plugins)
      throws IOException {
    Path file = dir.resolve("META-INF/services/" + service.getName());
    Files.createDirectories(file.getParent());
    StringBuilder lines = new StringBuilder();
    for (Class<?> plugin : plugins) {
      lines.append(plugin.getName()).append('\n');
    }
    Files.writeString(file, lines);
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, PluginsTest.class.getClassLoader());
  }

  @Test
  void discoveryFindsRegisteredPluginsSortedByName(@TempDir Path dir) throws IOException {
    try (URLClassLoader loader =
        registering(dir, Capability.class, ZuluNotes.class, FirstNotes.class)) {
      Plugins plugins = Plugins.discover(loader);

      assertThat(plugins.capabilities().keySet()).containsExactly("notes", "zulu");
      assertThat(plugins.capabilities().get("notes")).isInstanceOf(FirstNotes.class);
    }
  }

  @Test
  void discoveryOfTwoPluginsWithOneNameNamesBothClasses(@TempDir Path dir) throws IOException {
    try (URLClassLoader loader =
        registering(dir, Capability.class, FirstNotes.class, SecondNotes.class)) {
      assertThatThrownBy(() -> Plugins.discover(loader))
          .hasMessageContaining(FirstNotes.class.getName())
          .hasMessageContaining(SecondNotes.class.getName());
    }
  }

  @Test
  void discoveryWithNothingRegisteredFindsNothing() {
    Plugins plugins = Plugins.discover(new ClassLoader(null) {});

    assertThat(plugins.capabilities()).isEmpty();
    assertThat(plugins.providerTypes()).isEmpty();
  }

  public static class FirstNotes implements Capability {
    @Override
    public String name() {
      return "notes";
    }

    @Override
    public String summary() {
      return "notes";
    }

    @Override
    public ConfiguredCapability configure(ConfigValue section, ConfigureContext context) {
      return null;
    }
  }

  public static final class SecondNotes extends FirstNotes {}

  public static final class ZuluNotes extends FirstNotes {
    @Override
    public String name() {
      return "zulu";
    }
  }

  private record Api(String type) implements ProviderType {
    @Override
    public String summary() {
      return type;
    }

    @Override
    public Object configure(ConfigObject section) {
      return type;
    }
  }

  private static final class OtherApi implements ProviderType {
    @Override
    public String type() {
      return "api";
    }

    @Override
    public String summary() {
      return "other";
    }

    @Override
    public Object configure(ConfigObject section) {
      return null;
    }
  }
}
