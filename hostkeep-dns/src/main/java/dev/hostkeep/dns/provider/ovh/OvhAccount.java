package dev.hostkeep.dns.provider.ovh;

import dev.hostkeep.core.apply.ApplySettings;
import dev.hostkeep.core.capability.Providers;
import dev.hostkeep.core.config.ConfigObject;
import dev.hostkeep.dns.record.DnsRecord;
import dev.hostkeep.dns.record.RecordStore;
import dev.hostkeep.dns.replicate.ZoneContent;
import dev.hostkeep.dns.replicate.ZoneTarget;
import dev.hostkeep.dns.replicate.ZoneUpdate;
import dev.hostkeep.dns.secondary.OwnercheckPublisher;
import dev.hostkeep.dns.secondary.SecondaryTarget;
import dev.hostkeep.dns.secondary.SecondaryTargetFactory;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * An OVH API account (what a {@code type: ovh} provider entry configures), from which targets are
 * made per OVH service, and the record store of the DNS zones it hosts. Nothing is sent until a
 * target or record is used; all of them share one HTTP client and one server-time reading.
 */
public final class OvhAccount implements SecondaryTargetFactory, RecordStore, ZoneTarget {
  private final OvhSettings settings;
  private final OvhClient client;
  private final OvhRecordStore records;

  private OvhAccount(OvhSettings settings, OvhClient client) {
    this.settings = settings;
    this.client = client;
    this.records = new OvhRecordStore(client, settings.apply());
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

  /** The account's configuration ({@link #settings()} is its pacing, as a record store). */
  public OvhSettings ovhSettings() {
    return settings;
  }

  /**
   * {@inheritDoc} 1 + N requests: OVH lists record ids ({@code GET
   * /domain/zone/{zone}/record?fieldType=&subDomain=}), then each record is read by id.
   */
  @Override
  public List<DnsRecord> find(String zone, String name, String type) {
    return records.find(zone, name, type);
  }

  /** {@inheritDoc} Two requests: the record, then {@code POST /domain/zone/{zone}/refresh}. */
  @Override
  public DnsRecord create(String zone, String name, String type, String value, int ttl) {
    return records.create(zone, name, type, value, ttl);
  }

  /** {@inheritDoc} Two requests: {@code PUT .../record/{id}}, then the zone's refresh. */
  @Override
  public DnsRecord update(String zone, DnsRecord existing, String value, int ttl) {
    return records.update(zone, existing, value, ttl);
  }

  /** How record changes are paced: the account's {@code concurrency}, {@code pace}, ... */
  @Override
  public Optional<ZoneContent> read(String zone) {
    return records.read(zone);
  }

  @Override
  public void apply(ZoneUpdate update) {
    records.apply(update);
  }

  @Override
  public boolean supports(String type) {
    return records.supports(type);
  }

  @Override
  public ApplySettings settings() {
    return settings.apply();
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

  /**
   * Reads a {@code secondary} target entry: {@code service} (the OVH service name), {@code kind}
   * ({@code dedicated} or {@code vps}), {@code primary_ip} (the primary OVH transfers from), {@code
   * ownercheck} (the name of a provider that publishes OVH's ownership token on the primary).
   */
  @Override
  public SecondaryTarget secondaryTarget(ConfigObject target, Providers providers) {
    String service = target.string("service");
    ServiceKind kind = target.choice("kind", ServiceKind.class, ServiceKind.DEDICATED);
    Optional<String> primaryIp = target.optionalString("primary_ip");
    Optional<OwnercheckPublisher> ownercheck =
        target
            .value("ownercheck", true)
            .flatMap(
                name ->
                    providers.lookup(
                        name, OwnercheckPublisher.class, "an ownercheck publisher (type rfc2136)"));
    if (ownercheck.isPresent() && kind == ServiceKind.VPS) {
      target
          .value("ownercheck", true)
          .ifPresent(v -> target.reader().error(v, "OVH has no ownership check for a VPS"));
    }
    target.finish();
    if (service == null) {
      return null;
    }
    return secondary(service, kind, primaryIp, settings.apply(), ownercheck);
  }

  @Override
  public String toString() {
    return "OVH account " + settings.applicationKey() + " at " + settings.baseUrl();
  }
}
