package dev.hostkeep.dns.source;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.config.ConfigObject;
import dev.hostkeep.core.config.ConfigValue;
import dev.hostkeep.core.config.Suggestions;
import dev.hostkeep.core.secret.Secret;
import dev.hostkeep.dns.InvalidZoneNameException;
import dev.hostkeep.dns.ZoneName;
import dev.hostkeep.dns.secondary.ZoneSource;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one {@code source:} mapping of the config. It names exactly one kind, with that kind's
 * options beside it:
 *
 * <pre>
 * source: { zone_dir: /etc/bind/zones, pattern: "db.{zone}", check: true }
 * source: { named_conf: /etc/bind/named.conf, include_secondary: false }
 * source: { powerdns: http://127.0.0.1:8081, api_key: ${env:PDNS_KEY}, account: hosting,
 *           kinds: [master, native], timeout: 30s }
 * source: { list: [example.com, example.org] }
 * </pre>
 */
public final class ZoneSources {
  static final List<String> KINDS = List.of("zone_dir", "named_conf", "powerdns", "list");

  private ZoneSources() {}

  /**
   * The source {@code object} describes, or {@code null} after reporting why to its reader. Calls
   * {@link ConfigObject#finish()}, so keys of another kind are reported as unknown.
   */
  public static ZoneSource read(ConfigObject object) {
    List<String> given = KINDS.stream().filter(object::has).toList();
    if (given.size() != 1) {
      String problem =
          given.isEmpty()
              ? "names no kind of zone source"
              : "names " + String.join(" and ", given) + "; one source reads one kind";
      object
          .reader()
          .problems()
          .error(
              object.position(),
              object.describe()
                  + " "
                  + problem
                  + ": use one of "
                  + String.join(", ", KINDS)
                  + (given.isEmpty() ? hint(object) : " (several sources need several entries)"));
      if (!given.isEmpty()) {
        // The other keys may belong to either kind; one error says enough.
        object.allow(object.keys().toArray(String[]::new));
      }
      object.finish();
      return null;
    }
    ZoneSource source =
        switch (given.getFirst()) {
          case "zone_dir" -> zoneFolder(object);
          case "named_conf" -> namedConf(object);
          case "powerdns" -> powerDns(object);
          default -> list(object);
        };
    object.finish();
    return source;
  }

  /** For {@code zone_directory:} or {@code zonedir:}, which kind was probably meant. */
  private static String hint(ConfigObject object) {
    for (String key : object.keys()) {
      for (String kind : KINDS) {
        String bare = key.replace("_", "").replace("-", "");
        if (bare.startsWith(kind.replace("_", ""))
            || Suggestions.closest(key, List.of(kind)).isPresent()) {
          return " (did you mean '" + kind + "' for '" + key + "'?)";
        }
      }
    }
    return "";
  }

  private static ZoneSource zoneFolder(ConfigObject object) {
    Path folder = absolutePath(object, "zone_dir");
    ZoneFilePattern pattern = ZoneFilePattern.DEFAULT;
    Optional<String> text = object.optionalString("pattern");
    if (text.isPresent()) {
      try {
        pattern = ZoneFilePattern.parse(text.get());
      } catch (HostkeepException e) {
        error(object, "pattern", e.getMessage());
      }
    }
    boolean check = object.bool("check", false);
    return folder == null
        ? null
        : new ZoneFolderSource(new ZoneFolderSettings(folder, pattern, check));
  }

  private static ZoneSource namedConf(ConfigObject object) {
    Path file = absolutePath(object, "named_conf");
    boolean secondary = object.bool("include_secondary", false);
    return file == null ? null : new NamedConfSource(new NamedConfSettings(file, secondary));
  }

  private static ZoneSource powerDns(ConfigObject object) {
    String url = object.string("powerdns");
    Secret key = object.secret("api_key");
    Optional<String> account = object.optionalString("account");
    List<String> kinds =
        object.has("kinds") ? object.strings("kinds") : PowerDnsSourceSettings.DEFAULT_KINDS;
    var timeout = object.duration("timeout", PowerDnsSourceSettings.DEFAULT_TIMEOUT);
    URI uri = null;
    if (url != null) {
      try {
        uri = URI.create(url.strip());
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
            || uri.getHost() == null) {
          throw new IllegalArgumentException("not an http(s) URL");
        }
      } catch (IllegalArgumentException e) {
        error(
            object,
            "powerdns",
            "powerdns must be the API's http(s) URL such as"
                + " http://127.0.0.1:8081, got '"
                + url
                + "'");
        uri = null;
      }
    }
    if (uri == null || key == null) {
      return null;
    }
    return new PowerDnsZoneSource(new PowerDnsSourceSettings(uri, key, kinds, account, timeout));
  }

  private static ZoneSource list(ConfigObject object) {
    List<ZoneName> zones = new ArrayList<>();
    for (ConfigValue item : object.list("list")) {
      item.asString()
          .ifPresent(
              text -> {
                try {
                  zones.add(ZoneName.parse(text));
                } catch (InvalidZoneNameException e) {
                  item.reader().error(item, e.getMessage());
                }
              });
    }
    return new ListSource(zones);
  }

  private static Path absolutePath(ConfigObject object, String key) {
    String text = object.string(key);
    if (text == null) {
      return null;
    }
    Path path = Path.of(text.strip());
    if (!path.isAbsolute()) {
      error(object, key, key + " must be an absolute path, got '" + text + "'");
      return null;
    }
    return path;
  }

  private static void error(ConfigObject object, String key, String message) {
    object
        .value(key, true)
        .ifPresentOrElse(
            value -> value.reader().error(value, message),
            () -> object.reader().problems().error(object.position(), message));
  }
}
