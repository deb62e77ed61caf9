package dev.hostkeep.dns.provider.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostkeep.core.config.ConfigException;
import dev.hostkeep.core.config.HostkeepConfig;
import dev.hostkeep.dns.provider.ProviderTypeContract;
import dev.hostkeep.dns.record.RecordStore;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudflareProviderTypeTest extends ProviderTypeContract {
  CloudflareProviderTypeTest() {
    super("cloudflare", new CloudflareProviderType(), Map.of("CF_TOKEN", "s3cr3t-cf-token"));
  }

  @Test
  void readsAnAccountWithTheTokenFromTheEnvironment() throws IOException {
    HostkeepConfig config =
        load(
            """
            providers:
              cf:
                type: cloudflare
                api_token: ${env:CF_TOKEN}
                timeout: 10s
                pace: 1s
                concurrency: 2
            """);

    Object instance = config.providers().all().get("cf").instance();
    assertThat(instance).isInstanceOf(RecordStore.class);
    CloudflareRecordStore store = (CloudflareRecordStore) instance;
    CloudflareSettings settings = store.cloudflareSettings();
    assertThat(settings.baseUrl()).isEqualTo("https://api.cloudflare.com/client/v4");
    assertThat(settings.apiToken().reveal()).isEqualTo("s3cr3t-cf-token");
    assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(store.settings().pace()).isEqualTo(Duration.ofSeconds(1));
    assertThat(store.settings().concurrency()).isEqualTo(2);
    assertThat(store.settings().maxAttempts()).isEqualTo(4);
    assertThat(config.masked()).doesNotContain("s3cr3t");
    assertThat(store.toString()).doesNotContain("s3cr3t");
  }

  @Test
  void reportsEveryMistakeAtOnce() {
    ConfigException e =
        mistakes(
            """
                    providers:
                      cf:
                        type: cloudflare
                        endpoint: api.cloudflare.com
                        timeout: 0s
                        api_tokn: x
                    """);

    assertThat(e.getMessage())
        .contains("endpoint must be a base URL", "got 'api.cloudflare.com'")
        .contains("missing required key 'api_token'")
        .contains("timeout must be longer than 0s")
        .contains("unknown key 'api_tokn'");
  }

  @Test
  void aNegativePaceIsReportedNotThrown() {
    String yaml = "providers: {cf: {type: cloudflare, api_token: x, pace: PT-1S}}";

    assertThatThrownBy(() -> load(yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("pace must not be negative, got PT-1S");
  }
}
