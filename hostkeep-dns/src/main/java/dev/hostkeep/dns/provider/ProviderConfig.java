package dev.hostkeep.dns.provider;

import dev.hostkeep.core.config.ConfigObject;
import java.time.Duration;

/** Checks the HTTP providers' sections share: a positive duration and a well-formed endpoint. */
public final class ProviderConfig {
  private ProviderConfig() {}

  /** {@code key} as a duration longer than zero; otherwise reported, and the default kept. */
  public static Duration positive(ConfigObject section, String key, Duration defaultValue) {
    Duration value = section.duration(key, defaultValue);
    if (value.isZero() || value.isNegative()) {
      section
          .value(key, true)
          .ifPresent(v -> section.reader().error(v, key + " must be longer than 0s"));
      return defaultValue;
    }
    return value;
  }

  /**
   * Reports where {@code endpoint} stands: "endpoint must be {@code mustBe}, got '{@code got}'".
   */
  public static void badEndpoint(ConfigObject section, String mustBe, String got) {
    section
        .value("endpoint", true)
        .ifPresent(
            value ->
                section
                    .reader()
                    .error(value, "endpoint must be " + mustBe + ", got '" + got + "'"));
  }
}
