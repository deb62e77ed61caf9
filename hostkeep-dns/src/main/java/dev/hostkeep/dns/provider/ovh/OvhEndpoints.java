package dev.hostkeep.dns.provider.ovh;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** OVH's API endpoints by the names the official clients use, and plain base URLs. */
final class OvhEndpoints {
  static final Map<String, String> ALIASES = aliases();

  private OvhEndpoints() {}

  /**
   * The base URL of {@code endpoint}: an alias such as {@code ovh-eu}, or an {@code http(s)://} URL
   * (a trailing slash dropped); empty for anything else.
   */
  static Optional<String> resolve(String endpoint) {
    String alias = ALIASES.get(endpoint);
    if (alias != null) {
      return Optional.of(alias);
    }
    boolean url = endpoint.startsWith("https://") || endpoint.startsWith("http://");
    if (url && !endpoint.contains("?") && !endpoint.contains("#")) {
      return Optional.of(endpoint.replaceAll("/+$", ""));
    }
    return Optional.empty();
  }

  private static Map<String, String> aliases() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("ovh-eu", "https://eu.api.ovh.com/1.0");
    map.put("ovh-ca", "https://ca.api.ovh.com/1.0");
    map.put("ovh-us", "https://api.us.ovhcloud.com/1.0");
    map.put("kimsufi-eu", "https://eu.api.kimsufi.com/1.0");
    map.put("kimsufi-ca", "https://ca.api.kimsufi.com/1.0");
    map.put("soyoustart-eu", "https://eu.api.soyoustart.com/1.0");
    map.put("soyoustart-ca", "https://ca.api.soyoustart.com/1.0");
    return Collections.unmodifiableMap(map);
  }
}
