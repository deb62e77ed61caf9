package dev.hostkeep.dns.provider.alidns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostkeep.core.config.ConfigException;
import dev.hostkeep.core.config.HostkeepConfig;
import dev.hostkeep.dns.provider.ProviderTypeContract;
import dev.hostkeep.dns.record.RecordStore;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlidnsProviderTypeTest extends ProviderTypeContract {
  AlidnsProviderTypeTest() {
    super("alidns", new AlidnsProviderType(), Map.of("ALIDNS_SECRET", "s3cr3t-alidns"));
  }

  @Test
  void readsAnAccountWithItsSecretFromTheEnvironment() throws IOException {
    HostkeepConfig config =
        load(
            """
            providers:
              aliyun:
                type: alidns
                access_key_id: LTAI5tExample
                access_key_secret: ${env:ALIDNS_SECRET}
                endpoint: http://127.0.0.1:8080/
                timeout: 10s
                min_ttl: 1
                concurrency: 1
                pace: 250ms
                max_attempts: 6
            """);

    Object instance = config.providers().all().get("aliyun").instance();
    assertThat(instance).isInstanceOf(RecordStore.class);
    AlidnsSettings settings = ((AlidnsRecordStore) instance).alidnsSettings();
    assertThat(settings.endpoint()).isEqualTo(URI.create("http://127.0.0.1:8080/"));
    assertThat(settings.accessKeyId()).isEqualTo("LTAI5tExample");
    assertThat(settings.accessKeySecret().reveal()).isEqualTo("s3cr3t-alidns");
    assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.minTtl()).isEqualTo(1);
    assertThat(settings.apply().concurrency()).isEqualTo(1);
    assertThat(settings.apply().pace()).isEqualTo(Duration.ofMillis(250));
    assertThat(settings.apply().maxAttempts()).isEqualTo(6);
    assertThat(config.masked()).doesNotContain("s3cr3t");
    assertThat(instance.toString()).doesNotContain("s3cr3t");
  }

  @Test
  void defaultsToThePublicEndpointAndConservativePacing() throws IOException {
    HostkeepConfig config =
        load(
            """
            providers:
              aliyun:
                type: alidns
                access_key_id: LTAI5tExample
                access_key_secret: ${env:ALIDNS_SECRET}
            """);

    AlidnsSettings settings =
        ((AlidnsRecordStore) config.providers().all().get("aliyun").instance()).alidnsSettings();
    assertThat(settings.endpoint()).isEqualTo(URI.create("https://alidns.aliyuncs.com/"));
    assertThat(settings.minTtl()).isEqualTo(600);
    assertThat(settings.apply()).isEqualTo(AlidnsSettings.DEFAULT_APPLY);
  }

  @Test
  void reportsEveryMistakeAtOnce() {
    ConfigException e =
        mistakes(
            """
                    providers:
                      aliyun:
                        type: alidns
                        access_key_id: LTAI5tExample
                        endpoint: alidns.aliyuncs.com
                        timeout: 0s
                        access_key_secert: x
                    """);

    assertThat(e.getMessage())
        .contains("endpoint must be an http(s) URL", "got 'alidns.aliyuncs.com'")
        .contains("missing required key 'access_key_secret'")
        .contains("timeout must be longer than 0s")
        .contains("unknown key 'access_key_secert'");
  }
}
