package dev.hostkeep.core.capability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.config.ConfigObject;
import dev.hostkeep.core.config.ConfigValue;
import java.util.List;
import org.junit.jupiter.api.Test;

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

  @Test
  void discoveryWithNothingRegisteredFindsNothing() {
    Plugins plugins = Plugins.discover(new ClassLoader(null) {});

    assertThat(plugins.capabilities()).isEmpty();
    assertThat(plugins.providerTypes()).isEmpty();
  }

  private static class FirstNotes implements Capability {
    @Override
    public String name() {
      return "notes";
    }

    @Override
    public String summary() {
      return "notes";
    }

    @Override
    public ConfiguredCapability configure(ConfigValue section, Providers providers) {
      return null;
    }
  }

  private static final class SecondNotes extends FirstNotes {}

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
