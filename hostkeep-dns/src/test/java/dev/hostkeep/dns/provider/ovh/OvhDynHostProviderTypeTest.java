package dev.hostkeep.dns.provider.ovh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostkeep.core.config.ConfigException;
import dev.hostkeep.core.config.HostkeepConfig;
import dev.hostkeep.dns.provider.ProviderTypeContract;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OvhDynHostProviderTypeTest extends ProviderTypeContract {
  OvhDynHostProviderTypeTest() {
    super(
        "ovh-dynhost", new OvhDynHostProviderType(), Map.of("DYNHOST_PASSWORD", "s3cr3t-dynhost"));
  }

  @Test
  void readsALoginWithThePasswordFromTheEnvironment() throws IOException {
    HostkeepConfig config =
        load(
            """
            providers:
              home:
                type: ovh-dynhost
                username: example.com-home
                password: ${env:DYNHOST_PASSWORD}
                timeout: 10s
            """);

    DynHostRecordStore store = (DynHostRecordStore) config.providers().all().get("home").instance();
    DynHostSettings settings = store.dynHostSettings();
    assertThat(settings.endpoint()).isEqualTo("https://dns.eu.ovhapis.com/nic/update");
    assertThat(settings.username()).isEqualTo("example.com-home");
    assertThat(settings.password().reveal()).isEqualTo("s3cr3t-dynhost");
    assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(store.settings().concurrency()).isEqualTo(1);
    assertThat(config.masked()).doesNotContain("s3cr3t");
    assertThat(store.toString()).doesNotContain("s3cr3t");
  }

  @Test
  void reportsEveryMistakeAtOnce() {
    ConfigException e =
        mistakes(
            """
                    providers:
                      home:
                        type: ovh-dynhost
                        endpoint: www.ovh.com/nic/update
                        password: ${env:DYNHOST_PASSWORD}
                        timeout: 0s
                    """);

    assertThat(e.getMessage())
        .contains("endpoint must be a URL", "got 'www.ovh.com/nic/update'")
        .contains("missing required key 'username'")
        .contains("timeout must be longer than 0s");
  }
}
