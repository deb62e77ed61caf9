package dev.hostkeep.dns.provider.ovh;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.apply.ApplySettings;
import dev.hostkeep.dns.provider.ProviderHttp;
import dev.hostkeep.dns.secondary.OwnercheckPublisher;
import dev.hostkeep.dns.secondary.SecondaryTarget;
import java.net.IDN;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secondary DNS of one OVH dedicated server or VPS. Adding a zone that is already there (409,
 * e.g. a retry after a lost answer) and removing one that is already gone both count as done.
 */
final class OvhSecondaryTarget implements SecondaryTarget {
  private static final Logger log = LoggerFactory.getLogger(OvhSecondaryTarget.class);

  private final OvhClient client;
  private final String service;
  private final ServiceKind kind;
  private final Optional<String> primaryIp;
  private final ApplySettings settings;
  private final Optional<OwnercheckPublisher> ownercheck;
  private final Duration ownercheckTimeout;

  OvhSecondaryTarget(
      OvhClient client,
      String service,
      ServiceKind kind,
      Optional<String> primaryIp,
      ApplySettings settings,
      Optional<OwnercheckPublisher> ownercheck,
      Duration ownercheckTimeout) {
    if (ownercheck.isPresent() && kind != ServiceKind.DEDICATED) {
      throw HostkeepException.usage(
          "OVH service "
              + service
              + ": the ownership check can only be handled for dedicated servers; OVH has no"
              + " token call for a "
              + kind.name().toLowerCase(Locale.ROOT));
    }
    this.client = client;
    this.service = service;
    this.kind = kind;
    this.primaryIp = primaryIp;
    this.settings = settings;
    this.ownercheck = ownercheck;
    this.ownercheckTimeout = ownercheckTimeout;
  }

  @Override
  public String name() {
    return "ovh:" + service;
  }

  @Override
  public Set<String> zones() {
    JsonNode list = client.get(domains());
    if (!list.isArray()) {
      throw new HostkeepException(
          "OVH GET " + domains() + " answered " + list + ", not a list of domains");
    }
    Set<String> zones = new TreeSet<>();
    list.forEach(domain -> zones.add(normalise(domain.asText())));
    return zones;
  }

  @Override
  public void add(String zone) {
    if (ownercheck.isEmpty()) {
      post(zone);
      return;
    }
    OwnercheckPublisher publisher = ownercheck.get();
    String token = token(zone);
    try {
      publisher.publish(zone, token);
      publisher.awaitServed(zone, token, ownercheckTimeout);
      post(zone);
    } catch (RuntimeException e) {
      try {
        publisher.withdraw(zone);
      } catch (RuntimeException withdrawal) {
        e.addSuppressed(withdrawal);
      }
      throw e;
    }
    try {
      publisher.withdraw(zone);
    } catch (RuntimeException e) {
      // The zone is on OVH now; a leftover TXT record is untidy, not a failed change.
      log.warn("{}: added {}, but could not remove ownercheck.{}: {}", name(), zone, zone, e);
    }
  }

  @Override
  public void remove(String zone) {
    try {
      client.delete(domains() + "/" + ProviderHttp.segment(zone));
    } catch (OvhApiException e) {
      // 404 may mean the zone is gone already, or that the service does not exist: ask the list.
      if (e.status() != 404 || zones().contains(zone)) {
        throw e;
      }
    }
  }

  @Override
  public ApplySettings settings() {
    return settings;
  }

  private void post(String zone) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("domain", zone);
    primaryIp.ifPresent(ip -> body.put("ip", ip));
    try {
      client.post(domains(), body);
    } catch (OvhApiException e) {
      if (e.status() != 409) {
        throw e;
      }
      log.debug("{}: {} was already there", name(), zone);
    }
  }

  private String token(String zone) {
    String path =
        kind.path(service) + "/secondaryDnsNameDomainToken?domain=" + ProviderHttp.segment(zone);
    JsonNode answer = client.get(path);
    String token = answer.path("fieldValue").asText("");
    if (token.isEmpty()) {
      throw new HostkeepException("OVH GET " + path + " answered " + answer + ", without a token");
    }
    return token;
  }

  private String domains() {
    return kind.path(service) + "/secondaryDnsDomains";
  }

  private static String normalise(String name) {
    String ascii = IDN.toASCII(name, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    return ascii.endsWith(".") ? ascii.substring(0, ascii.length() - 1) : ascii;
  }
}
