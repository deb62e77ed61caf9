package dev.hostkeep.dns.provider.powerdns;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.secret.Secret;
import dev.hostkeep.dns.secondary.SecondaryTarget;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PowerDNS server acting as secondary: {@link #add} creates a zone of kind Slave that transfers
 * from the configured primaries (with the TSIG key, created on PowerDNS first if it is missing) and
 * asks for a transfer at once; {@link #remove} deletes it. It only ever deletes zones of kind
 * Slave: a Native or Master zone of the same name is refused, never destroyed. Named {@code
 * powerdns:<host:port>}.
 */
public final class PowerDnsSecondary implements SecondaryTarget {
  private static final Logger LOG = LoggerFactory.getLogger(PowerDnsSecondary.class);
  private static final Set<String> SECONDARY_KINDS = Set.of("slave", "secondary");

  /** The TSIG key PowerDNS signs its transfers with, as the primary knows it. */
  public record Key(String name, String algorithm, Secret secret) {}

  private final PowerDnsApi api;
  private final List<String> primaries;
  private final Optional<Key> key;
  private volatile boolean keyChecked;

  PowerDnsSecondary(PowerDnsApi api, List<String> primaries, Optional<Key> key) {
    if (primaries.isEmpty()) {
      throw new IllegalArgumentException("a PowerDNS secondary needs at least one primary");
    }
    this.api = api;
    this.primaries = List.copyOf(primaries);
    this.key = key;
  }

  @Override
  public String name() {
    return "powerdns:" + api.config().server();
  }

  @Override
  public Set<String> zones() {
    JsonNode zones = api.require(api.get("/zones"), "GET", "/zones", "listing zones").body();
    Set<String> names = new TreeSet<>();
    for (JsonNode zone : zones) {
      if (SECONDARY_KINDS.contains(zone.path("kind").asText().toLowerCase(Locale.ROOT))) {
        names.add(normal(zone.path("name").asText()));
      }
    }
    return names;
  }

  @Override
  public void add(String zone) {
    ensureKey();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", zone + ".");
    body.put("kind", "Slave");
    body.put("masters", primaries);
    key.ifPresent(k -> body.put("slave_tsig_key_ids", List.of(k.name())));
    PowerDnsApi.Answer created = api.post("/zones", body);
    if (!created.ok()) {
      if (!alreadyExists(created) || !alreadyOurs(zone)) {
        throw api.failure(created, "POST", "/zones", "adding secondary zone " + zone);
      }
    }
    String retrieve = "/zones/" + id(zone) + "/axfr-retrieve";
    PowerDnsApi.Answer transfer = api.put(retrieve, null);
    if (!transfer.ok()) {
      // The zone exists and PowerDNS will transfer it on its own refresh cycle.
      LOG.warn(api.failure(transfer, "PUT", retrieve, "asking for a transfer").getMessage());
    }
  }

  @Override
  public void remove(String zone) {
    String path = "/zones/" + id(zone);
    PowerDnsApi.Answer found = api.get(path);
    if (found.status() == 404
        || found.status() == 422 && found.error().contains("Could not find")) {
      return; // already gone
    }
    String kind =
        api.require(found, "GET", path, "reading zone " + zone).body().path("kind").asText();
    if (!SECONDARY_KINDS.contains(kind.toLowerCase(Locale.ROOT))) {
      throw new HostkeepException(
          name()
              + ": refusing to delete zone "
              + zone
              + ": it is of kind "
              + kind
              + " there, not a secondary; remove it by hand if that is really meant");
    }
    PowerDnsApi.Answer deleted = api.delete(path);
    if (!deleted.ok() && deleted.status() != 404) {
      throw api.failure(deleted, "DELETE", path, "removing secondary zone " + zone);
    }
  }

  // PowerDNS 4.7 answers 409 Conflict, older versions 422 with "... already exists".
  private static boolean alreadyExists(PowerDnsApi.Answer answer) {
    return answer.status() == 409
        || answer.status() == 422 && answer.error().toLowerCase(Locale.ROOT).contains("exists");
  }

  /** Whether {@code zone} already exists as a secondary of the same primaries. */
  private boolean alreadyOurs(String zone) {
    PowerDnsApi.Answer found = api.get("/zones/" + id(zone));
    if (!found.ok()) {
      return false;
    }
    JsonNode body = found.body();
    String kind = body.path("kind").asText();
    Set<String> masters = new TreeSet<>();
    body.path("masters").forEach(m -> masters.add(withPort(m.asText())));
    Set<String> ours =
        primaries.stream()
            .map(PowerDnsSecondary::withPort)
            .collect(Collectors.toCollection(TreeSet::new));
    if (SECONDARY_KINDS.contains(kind.toLowerCase(Locale.ROOT)) && masters.equals(ours)) {
      return true;
    }
    throw new HostkeepException(
        name()
            + ": zone "
            + zone
            + " already exists there as kind "
            + kind
            + " with primaries "
            + masters
            + ", not as a secondary of "
            + ours
            + "; fix or delete it on PowerDNS first");
  }

  private void ensureKey() {
    if (key.isEmpty() || keyChecked) {
      return;
    }
    Key k = key.get();
    String path = "/tsigkeys/" + k.name() + ".";
    PowerDnsApi.Answer found = api.get(path);
    if (found.ok()) {
      JsonNode body = found.body();
      boolean same =
          normal(body.path("algorithm").asText()).equals(normal(k.algorithm()))
              && body.path("key").asText().equals(k.secret().reveal());
      if (!same) {
        throw new HostkeepException(
            name()
                + ": PowerDNS already has a TSIG key named '"
                + k.name()
                + "' with another algorithm or secret; update it there or configure another key");
      }
    } else if (found.status() == 404 || found.status() == 422) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("name", k.name());
      body.put("algorithm", k.algorithm());
      body.put("key", k.secret().reveal());
      api.require(
          api.post("/tsigkeys", body), "POST", "/tsigkeys", "creating TSIG key " + k.name());
    } else {
      throw api.failure(found, "GET", path, "reading TSIG key " + k.name());
    }
    keyChecked = true;
  }

  private static String id(String zone) {
    return zone + ".";
  }

  private static String normal(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }

  private static String withPort(String address) {
    boolean hasPort =
        address.startsWith("[")
            ? address.contains("]:")
            : address.indexOf(':') > 0 && address.indexOf(':') == address.lastIndexOf(':');
    return hasPort ? address : address + ":53";
  }
}
