package dev.hostkeep.dns.ddns.detect;

import dev.hostkeep.core.config.ConfigObject;
import dev.hostkeep.core.config.ConfigValue;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Reads a {@code dns:} source: a mapping {@code { server, name, type }}, or the name of a known
 * service ({@code opendns}, {@code google}).
 */
final class DnsConfig {
  private record Preset(String server, String name, String type) {}

  private static final Map<String, Preset> PRESETS =
      Map.of(
          "opendns", new Preset("resolver1.opendns.com", "myip.opendns.com", null),
          "google", new Preset("ns1.google.com", "o-o.myaddr.l.google.com", "TXT"));

  private DnsConfig() {}

  /** The source {@code object}'s {@code dns:} key describes, or {@code null} after reporting. */
  static List<AddressSource> read(ConfigObject object, Family family) {
    ConfigValue value = object.value("dns", true).orElseThrow();
    if (value.isScalar()) {
      String given = value.asString().orElse("").strip();
      Preset preset = PRESETS.get(given.toLowerCase(Locale.ROOT));
      if (preset == null) {
        value
            .reader()
            .error(
                value,
                "dns must be a mapping { server, name, type } or one of "
                    + String.join(", ", PRESETS.keySet().stream().sorted().toList())
                    + ", got '"
                    + given
                    + "'");
        return null;
      }
      String type = preset.type() != null ? preset.type() : family.recordType();
      DnsSource source = source(preset.server(), preset.name(), type);
      return List.of(source);
    }
    Optional<ConfigObject> mapping = value.asObject();
    if (mapping.isEmpty()) {
      return null;
    }
    ConfigObject dns = mapping.get();
    String server = dns.string("server");
    String name = dns.string("name");
    String type = dns.string("type", family.recordType()).strip().toUpperCase(Locale.ROOT);
    boolean ok = server != null && name != null;
    HostPort hostPort = server == null ? null : HostPort.parse(server.strip());
    if (server != null && hostPort == null) {
      DetectionConfig.error(
          dns,
          "server",
          "server must be host, host:port or [ipv6]:port, such as resolver1.opendns.com, got '"
              + server
              + "'");
      ok = false;
    }
    Name parsed = null;
    if (name != null) {
      try {
        parsed = Name.fromString(name.strip(), Name.root);
      } catch (TextParseException e) {
        DetectionConfig.error(
            dns, "name", "name '" + name + "' is not a DNS name: " + e.getMessage());
        ok = false;
      }
    }
    if (!type.equals(family.recordType()) && !type.equals("TXT")) {
      DetectionConfig.error(
          dns,
          "type",
          "type must be "
              + family.recordType()
              + " or TXT for "
              + family.key()
              + ", got '"
              + type
              + "'");
      ok = false;
    }
    dns.finish();
    return ok
        ? List.of(new DnsSource(hostPort.host(), hostPort.port(), parsed, Type.value(type)))
        : null;
  }

  private static DnsSource source(String server, String name, String type) {
    try {
      return new DnsSource(server, 53, Name.fromString(name, Name.root), Type.value(type));
    } catch (TextParseException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A DNS server as written: {@code host}, {@code host:port} or {@code [ipv6]:port}. */
  record HostPort(String host, int port) {
    static HostPort parse(String text) {
      String host = text;
      String port = "53";
      if (text.startsWith("[")) {
        int close = text.indexOf(']');
        if (close < 0) {
          return null;
        }
        host = text.substring(1, close);
        String rest = text.substring(close + 1);
        if (!rest.isEmpty()) {
          if (!rest.startsWith(":")) {
            return null;
          }
          port = rest.substring(1);
        }
      } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
        host = text.substring(0, text.indexOf(':'));
        port = text.substring(text.indexOf(':') + 1);
      }
      if (host.isEmpty() || host.contains(" ") || host.contains("/")) {
        return null;
      }
      try {
        int number = Integer.parseInt(port);
        return number >= 1 && number <= 65535 ? new HostPort(host, number) : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }
}
