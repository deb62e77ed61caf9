package dev.hostkeep.dns.provider.ovh;

import dev.hostkeep.core.apply.ApplySettings;
import dev.hostkeep.core.secret.Secret;
import java.time.Duration;
import java.util.Objects;

/**
 * One OVH DynHost login as the config describes it: the update URL (OVH's own unless a test points
 * it at a fake), the login's username and password, the request timeout and pacing. A dynamic DNS
 * service blocks clients that update too fast ({@code abuse}), hence one update at a time.
 */
public record DynHostSettings(
    String endpoint, String username, Secret password, Duration timeout, ApplySettings apply) {

  /** OVH's DynHost update URL; {@code https://www.ovh.com/nic/update} is its older name. */
  public static final String DEFAULT_ENDPOINT = "https://dns.eu.ovhapis.com/nic/update";

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** One update at a time, a second apart, three attempts backing off from 5 s. */
  public static final ApplySettings DEFAULT_APPLY =
      new ApplySettings(1, Duration.ofSeconds(1), 3, Duration.ofSeconds(5), Duration.ofMinutes(5));

  public DynHostSettings {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(apply, "apply");
    if (!validEndpoint(endpoint)) {
      throw new IllegalArgumentException(
          "DynHost endpoint must be a URL such as " + DEFAULT_ENDPOINT + ", got " + endpoint);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("DynHost timeout must be positive");
    }
  }

  /** A login at {@link #DEFAULT_ENDPOINT} with the default timeout and pacing. */
  public static DynHostSettings of(String username, Secret password) {
    return new DynHostSettings(
        DEFAULT_ENDPOINT, username, password, DEFAULT_TIMEOUT, DEFAULT_APPLY);
  }

  public DynHostSettings withEndpoint(String value) {
    return new DynHostSettings(value, username, password, timeout, apply);
  }

  public DynHostSettings withTimeout(Duration value) {
    return new DynHostSettings(endpoint, username, password, value, apply);
  }

  public DynHostSettings withApply(ApplySettings value) {
    return new DynHostSettings(endpoint, username, password, timeout, value);
  }

  /** An {@code http(s)://} URL without query or fragment. */
  static boolean validEndpoint(String endpoint) {
    boolean url = endpoint.startsWith("https://") || endpoint.startsWith("http://");
    return url && !endpoint.contains("?") && !endpoint.contains("#") && !endpoint.contains(" ");
  }
}
