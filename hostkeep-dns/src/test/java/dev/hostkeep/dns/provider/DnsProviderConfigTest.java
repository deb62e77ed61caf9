package dev.hostkeep.dns.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostkeep.core.capability.Plugins;
import dev.hostkeep.core.config.ConfigException;
import dev.hostkeep.core.config.HostkeepConfig;
import dev.hostkeep.dns.provider.powerdns.PowerDnsApi;
import dev.hostkeep.dns.provider.rfc2136.Rfc2136Client;
import dev.hostkeep.dns.secondary.OwnercheckPublisher;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rfc2136 and powerdns provider entries, read through the real config loader. */
class DnsProviderConfigTest {
  static final String TSIG = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I=";
  static final Map<String, String> ENV = Map.of("TSIG", TSIG, "PDNS", "pdns-api-key");

  @TempDir Path dir;

  @Test
  void bothProviderTypesAreFoundByServiceLoader() {
    assertThat(Plugins.discover(getClass().getClassLoader()).providerTypes())
        .containsKeys("rfc2136", "powerdns");
  }

  @Test
  void readsAnRfc2136PrimaryWithDefaults() throws IOException {
    HostkeepConfig config =
        load(
            """
            providers:
              primary:
                type: rfc2136
                server: 192.0.2.53
                key_name: hostkeep-key
                key_secret: ${env:TSIG}
            """);

    Object instance = config.providers().all().get("primary").instance();
    assertThat(instance).isInstanceOf(Rfc2136Client.class).isInstanceOf(OwnercheckPublisher.class);
    Rfc2136Client client = (Rfc2136Client) instance;
    assertThat(client.config().server()).isEqualTo("192.0.2.53:53");
    assertThat(client.config().algorithm()).isEqualTo("hmac-sha256");
    assertThat(client.config().timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.masked()).doesNotContain(TSIG);
  }

  @Test
  void readsAPowerDnsServerWithDefaults() throws IOException {
    HostkeepConfig config =
        load(
            """
            providers:
              central:
                type: powerdns
                url: http://dns1.example.net:8081
                api_key: ${env:PDNS}
                timeout: 3s
            """);

    PowerDnsApi api = (PowerDnsApi) config.providers().all().get("central").instance();
    assertThat(api.config().serverId()).isEqualTo("localhost");
    assertThat(api.config().server()).isEqualTo("dns1.example.net:8081");
    assertThat(api.config().timeout()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void reportsEveryMistakeAtOnce() {
    assertThatThrownBy(
            () ->
                load(
                    """
                    providers:
                      primary:
                        type: rfc2136
                        server: "192.0.2.53:99999"
                        key_algorithm: hmac-md4
                        key_secret: "not base64!"
                        key_nam: typo
                      central:
                        type: powerdns
                        url: ftp://dns1.example.net
                    """))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("server in 'providers.primary' must be host or host:port")
        .hasMessageContaining("key_algorithm in 'providers.primary' must be one of hmac-sha256")
        .hasMessageContaining("is not a base64 TSIG secret")
        .hasMessageContaining("missing required key 'key_name'")
        .hasMessageContaining("unknown key 'key_nam'")
        .hasMessageContaining("url in 'providers.central' must be the API's base URL")
        .hasMessageContaining("missing required key 'api_key'");
  }

  HostkeepConfig load(String yaml) throws IOException {
    return ProviderConfigs.load(dir, Plugins.discover(getClass().getClassLoader()), ENV, yaml);
  }
}
