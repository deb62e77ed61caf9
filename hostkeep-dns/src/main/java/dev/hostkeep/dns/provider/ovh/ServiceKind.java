package dev.hostkeep.dns.provider.ovh;

import dev.hostkeep.dns.provider.ProviderHttp;

/** The kinds of OVH service that come with a secondary DNS server. */
public enum ServiceKind {
  /** A dedicated server: {@code /dedicated/server/{service}}, with the ownership token call. */
  DEDICATED("/dedicated/server/"),
  /** A VPS: {@code /vps/{service}}; OVH offers no ownership token call for it. */
  VPS("/vps/");

  private final String prefix;

  ServiceKind(String prefix) {
    this.prefix = prefix;
  }

  /** The API path of {@code service}, e.g. {@code /dedicated/server/ns123.ip-1-2-3.eu}. */
  String path(String service) {
    return prefix + ProviderHttp.segment(service);
  }
}
