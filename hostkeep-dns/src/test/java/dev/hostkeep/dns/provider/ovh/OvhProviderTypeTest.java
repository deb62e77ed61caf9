package dev.hostkeep.dns.provider.ovh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostkeep.core.config.ConfigException;
import dev.hostkeep.core.config.HostkeepConfig;
import dev.hostkeep.dns.provider.ProviderTypeContract;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OvhProviderTypeTest extends ProviderTypeContract {
  OvhProviderTypeTest() {
    super("ovh", new OvhProviderType(), Map.of("OVH_AS", "s3cr3t-as", "OVH_CK", "s3cr3t-ck"));
  }

  @Test
  void readsAnAccountWithSecretsFromTheEnvironment() throws IOException {
    HostkeepConfig config =
        load(
            """
            providers:
              ovh:
                type: ovh
                endpoint: ovh-ca
                application_key: AK123
                application_secret: ${env:OVH_AS}
                consumer_key: ${env:OVH_CK}
                timeout: 10s
                pace: 3s
                concurrency: 1
                ownercheck_timeout: 5m
            """);

    OvhAccount account = (OvhAccount) config.providers().all().get("ovh").instance();
    OvhSettings settings = account.ovhSettings();
    assertThat(settings.baseUrl()).isEqualTo("https://ca.api.ovh.com/1.0");
    assertThat(settings.applicationSecret().reveal()).isEqualTo("s3cr3t-as");
    assertThat(settings.consumerKey().reveal()).isEqualTo("s3cr3t-ck");
    assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.apply().pace()).isEqualTo(Duration.ofSeconds(3));
    assertThat(settings.apply().concurrency()).isEqualTo(1);
    assertThat(settings.apply().maxAttempts()).isEqualTo(4);
    assertThat(settings.ownercheckTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.masked()).doesNotContain("s3cr3t");
    assertThat(account.toString()).doesNotContain("s3cr3t");
  }

  @Test
  void reportsEveryMistakeAtOnce() throws IOException {
    ConfigException e =
        mistakes(
            """
                    providers:
                      ovh:
                        type: ovh
                        endpoint: ovh-europe
                        application_key: AK123
                        application_secret: ${env:OVH_AS}
                        timeout: 0s
                        consumer_kee: x
                    """);

    assertThat(e.getMessage())
        .contains("endpoint must be one of ovh-eu, ovh-ca", "got 'ovh-europe'")
        .contains("missing required key 'consumer_key'")
        .contains("timeout must be longer than 0s")
        .contains("unknown key 'consumer_kee'");
  }
}
