package dev.hostkeep.dns.provider.ovh;

import dev.hostkeep.core.apply.ApplySettings;
import dev.hostkeep.core.secret.Secret;
import java.time.Duration;
import java.util.Objects;

/**
 * One OVH account as the config describes it. {@code endpoint} is an alias ({@code ovh-eu}, {@code
 * ovh-ca}, {@code ovh-us}, {@code kimsufi-eu}, {@code kimsufi-ca}, {@code soyoustart-eu}, {@code
 * soyoustart-ca}) or a base URL such as {@code https://eu.api.ovh.com/1.0}. {@code apply} is how
 * targets of this account are paced unless a target says otherwise; OVH staff advise staying under
 * about 60 requests a minute per consumer key, hence {@link #DEFAULT_APPLY}.
 */
public record OvhSettings(
    String endpoint,
    String applicationKey,
    Secret applicationSecret,
    Secret consumerKey,
    Duration timeout,
    ApplySettings apply,
    Duration ownercheckTimeout) {

  /** Two changes at once, one call a second, four attempts. */
  public static final ApplySettings DEFAULT_APPLY =
      new ApplySettings(2, Duration.ofSeconds(1), 4, Duration.ofSeconds(2), Duration.ofMinutes(1));

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_OWNERCHECK_TIMEOUT = Duration.ofMinutes(2);

  public OvhSettings {
    Objects.requireNonNull(endpoint, "endpoint");
    if (OvhEndpoints.resolve(endpoint).isEmpty()) {
      throw new IllegalArgumentException(
          "unknown OVH endpoint '"
              + endpoint
              + "'; use one of "
              + OvhEndpoints.ALIASES.keySet()
              + " or a base URL such as https://eu.api.ovh.com/1.0");
    }
    Objects.requireNonNull(applicationKey, "applicationKey");
    Objects.requireNonNull(applicationSecret, "applicationSecret");
    Objects.requireNonNull(consumerKey, "consumerKey");
    Objects.requireNonNull(apply, "apply");
    if (timeout.isNegative() || timeout.isZero() || ownercheckTimeout.isNegative()) {
      throw new IllegalArgumentException("OVH timeouts must be positive");
    }
  }

  /** An account with the default timeout, pacing and ownercheck timeout. */
  public static OvhSettings of(
      String endpoint, String applicationKey, Secret applicationSecret, Secret consumerKey) {
    return new OvhSettings(
        endpoint,
        applicationKey,
        applicationSecret,
        consumerKey,
        DEFAULT_TIMEOUT,
        DEFAULT_APPLY,
        DEFAULT_OWNERCHECK_TIMEOUT);
  }

  public OvhSettings withTimeout(Duration value) {
    return new OvhSettings(
        endpoint, applicationKey, applicationSecret, consumerKey, value, apply, ownercheckTimeout);
  }

  public OvhSettings withApply(ApplySettings value) {
    return new OvhSettings(
        endpoint,
        applicationKey,
        applicationSecret,
        consumerKey,
        timeout,
        value,
        ownercheckTimeout);
  }

  public OvhSettings withOwnercheckTimeout(Duration value) {
    return new OvhSettings(
        endpoint, applicationKey, applicationSecret, consumerKey, timeout, apply, value);
  }

  /** The base URL calls go to. */
  public String baseUrl() {
    return OvhEndpoints.resolve(endpoint).orElseThrow();
  }
}
