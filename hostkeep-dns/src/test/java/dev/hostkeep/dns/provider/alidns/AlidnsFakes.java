package dev.hostkeep.dns.provider.alidns;

import dev.hostkeep.core.secret.Redactor;
import dev.hostkeep.core.secret.Secret;
import dev.hostkeep.testkit.FakeAlidns;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/** Stores pointed at a {@link FakeAlidns}. */
final class AlidnsFakes {
  private AlidnsFakes() {}

  static AlidnsSettings settings(FakeAlidns fake) {
    FakeAlidns.Credentials keys = fake.credentials();
    return AlidnsSettings.of(keys.accessKeyId(), secret(keys.accessKeySecret()))
        .withEndpoint(URI.create(fake.endpoint()))
        .withTimeout(Duration.ofSeconds(5));
  }

  static AlidnsRecordStore store(FakeAlidns fake, Clock clock) {
    return AlidnsRecordStore.open(settings(fake), clock);
  }

  static Secret secret(String value) {
    return Secret.of(value, new Redactor());
  }
}
