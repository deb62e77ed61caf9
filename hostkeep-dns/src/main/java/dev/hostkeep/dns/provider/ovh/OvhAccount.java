package dev.hostkeep.dns.provider.ovh;

import dev.hostkeep.core.apply.ApplySettings;
import dev.hostkeep.dns.secondary.SecondaryTarget;
import java.time.Clock;
import java.util.Optional;

/**
 * An OVH API account (what a {@code type: ovh} provider entry configures), from which targets are
 * made per OVH service. Nothing is sent until a target is used; all targets of one account share
 * one HTTP client and one server-time reading.
 */
public final class OvhAccount {
  private final OvhSettings settings;
  private final OvhClient client;

  private OvhAccount(OvhSettings settings, OvhClient client) {
    this.settings = settings;
    this.client = client;
  }

  /** An account whose request timestamps are taken from {@code clock} (plus OVH's offset). */
  public static OvhAccount open(OvhSettings settings, Clock clock) {
    return new OvhAccount(
        settings,
        new OvhClient(
            settings.baseUrl(),
            settings.applicationKey(),
            settings.applicationSecret(),
            settings.consumerKey(),
            settings.timeout(),
            clock));
  }

  public OvhSettings settings() {
    return settings;
  }

  /**
   * The secondary DNS of {@code service} (e.g. {@code ns123.ip-1-2-3.eu}), paced by the account's
   * {@link OvhSettings#apply()}, without ownership check handling.
   */
  public SecondaryTarget secondary(String service, ServiceKind kind) {
    return secondary(service, kind, Optional.empty(), settings.apply(), Optional.empty());
  }

  /**
   * The secondary DNS of {@code service}. {@code primaryIp} is sent as the primary to transfer from
   * (OVH otherwise uses the server's own address); with {@code ownercheck}, every zone is added
   * through OVH's ownership check (dedicated servers only).
   */
  public SecondaryTarget secondary(
      String service,
      ServiceKind kind,
      Optional<String> primaryIp,
      ApplySettings apply,
      Optional<OwnercheckPublisher> ownercheck) {
    return new OvhSecondaryTarget(
        client, service, kind, primaryIp, apply, ownercheck, settings.ownercheckTimeout());
  }

  @Override
  public String toString() {
    return "OVH account " + settings.applicationKey() + " at " + settings.baseUrl();
  }
}
