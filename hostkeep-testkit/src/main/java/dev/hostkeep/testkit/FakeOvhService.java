package dev.hostkeep.testkit;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One dedicated server or VPS of a {@link FakeOvh}: the domains its secondary DNS serves, the
 * secondary name server it is assigned, and a per-domain ownership token. Tests read and seed it
 * directly; the API changes it through the fake.
 */
public final class FakeOvhService {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String name;
  private final boolean dedicated;
  private final String nameServer;
  private final String nameServerIp;
  private final Map<String, Domain> domains = new LinkedHashMap<>();
  private final Map<String, String> tokens = new LinkedHashMap<>();
  private volatile boolean expired;

  /** One secondary domain as OVH describes it. */
  public record Domain(String domain, String ipMaster, String creationDate) {}

  FakeOvhService(String name, boolean dedicated, String nameServer, String nameServerIp) {
    this.name = name;
    this.dedicated = dedicated;
    this.nameServer = nameServer;
    this.nameServerIp = nameServerIp;
  }

  public String name() {
    return name;
  }

  public boolean dedicated() {
    return dedicated;
  }

  /** The secondary name server OVH assigned to this service, e.g. {@code sdns2.ovh.net}. */
  public String nameServer() {
    return nameServer;
  }

  public String nameServerIp() {
    return nameServerIp;
  }

  /** The domains the secondary DNS serves now. */
  public synchronized Set<String> domains() {
    return new TreeSet<>(domains.keySet());
  }

  public synchronized Optional<Domain> domain(String domain) {
    return Optional.ofNullable(domains.get(domain));
  }

  /** Seeds domains as if they had been added earlier (no request is logged). */
  public synchronized FakeOvhService withDomains(String... names) {
    for (String domain : names) {
      domains.put(domain, new Domain(domain, "192.0.2.1", "2025-01-01T00:00:00+01:00"));
    }
    return this;
  }

  /** The token OVH expects at {@code ownercheck.<domain> TXT}; stable per domain. */
  public synchronized String token(String domain) {
    return tokens.computeIfAbsent(domain, d -> HexFormat.of().formatHex(randomBytes()));
  }

  /** Makes every call for this service answer 460 "service expired" (or not). */
  public void expired(boolean value) {
    expired = value;
  }

  boolean isExpired() {
    return expired;
  }

  /** Adds {@code domain}; false when it is there already. */
  synchronized boolean add(String domain, String ipMaster, String now) {
    if (domains.containsKey(domain)) {
      return false;
    }
    domains.put(domain, new Domain(domain, ipMaster, now));
    return true;
  }

  synchronized boolean remove(String domain) {
    return domains.remove(domain) != null;
  }

  synchronized boolean setIpMaster(String domain, String ipMaster) {
    Domain old = domains.get(domain);
    if (old == null) {
      return false;
    }
    domains.put(domain, new Domain(domain, ipMaster, old.creationDate()));
    return true;
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
