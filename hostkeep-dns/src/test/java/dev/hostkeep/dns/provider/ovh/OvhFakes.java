package dev.hostkeep.dns.provider.ovh;

import dev.hostkeep.core.secret.Redactor;
import dev.hostkeep.core.secret.Secret;
import dev.hostkeep.testkit.FakeOvh;
import java.time.Clock;
import java.time.Duration;

/** Clients and accounts pointed at a {@link FakeOvh}. */
final class OvhFakes {
  private OvhFakes() {}

  static OvhSettings settings(FakeOvh fake) {
    FakeOvh.Credentials keys = fake.credentials();
    Redactor redactor = new Redactor();
    return OvhSettings.of(
            fake.baseUrl(),
            keys.applicationKey(),
            Secret.of(keys.applicationSecret(), redactor),
            Secret.of(keys.consumerKey(), redactor))
        .withTimeout(Duration.ofSeconds(5));
  }

  static OvhClient client(FakeOvh fake, Clock clock) {
    return client(settings(fake), clock);
  }

  static OvhClient client(OvhSettings settings, Clock clock) {
    return new OvhClient(
        settings.baseUrl(),
        settings.applicationKey(),
        settings.applicationSecret(),
        settings.consumerKey(),
        settings.timeout(),
        clock);
  }

  static Secret secret(String value) {
    return Secret.of(value, new Redactor());
  }
}
