package dev.hostkeep.dns.ddns.detect;

import dev.hostkeep.core.config.ConfigObject;
import dev.hostkeep.core.config.ConfigValue;
import dev.hostkeep.core.config.Suggestions;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a ddns entry's {@code detect:} mapping. Each family has its own sources, tried as listed:
 *
 * <pre>
 * detect:
 *   ipv4:
 *     sources:                        # default: [ { https: default } ]
 *       - https: default              # the built-in echo services, one source each
 *       - https: https://ip.example.net/
 *       - interface: eth0             # its first globally routable address
 *       - dns: { server: resolver1.opendns.com, name: myip.opendns.com, type: A }
 *       - dns: google                 # or opendns: the same with their known names
 *       - command: /usr/local/bin/my-ip        # run by /bin/sh -c; or a list: [prog, arg]
 *       - static: 198.51.100.7
 *     agree: 2                        # sources that must report the same address; default 1
 *     timeout: 5s                     # per source; default 5s
 *   ipv6:
 *     sources: [ { interface: eth0, temporary: avoid } ]   # avoid (default), prefer or never
 * </pre>
 *
 * <p>A missing family uses the default. {@code https: default} counts as one source per built-in
 * service, so {@code agree: 2} over it alone asks for two of them to agree. A {@code dns:} server
 * is {@code host}, {@code host:port} or {@code [ipv6]:port}; {@code type} is the family's record
 * type (its default) or {@code TXT}. Every problem is reported at its place, all at once.
 */
final class DetectionConfig {
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  static final List<String> KINDS = List.of("https", "interface", "dns", "command", "static");

  private DetectionConfig() {}

  /** Every family's detection; {@code section} absent means the defaults. */
  static Map<Family, FamilyDetection> read(
      Optional<ConfigObject> section, DetectionContext context) {
    Map<Family, FamilyDetection> families = new EnumMap<>(Family.class);
    for (Family family : Family.values()) {
      Optional<ConfigObject> object = section.flatMap(s -> s.object(family.key()));
      // After a reported problem the defaults stand in; the caller must not use them then.
      FamilyDetection read = object.map(o -> family(o, family, context)).orElse(null);
      families.put(family, read != null ? read : defaults(family, context));
    }
    section.ifPresent(ConfigObject::finish);
    return families;
  }

  static FamilyDetection defaults(Family family, DetectionContext context) {
    return new FamilyDetection(family, echoes(family, context), 1, DEFAULT_TIMEOUT, context);
  }

  private static FamilyDetection family(
      ConfigObject object, Family family, DetectionContext context) {
    List<AddressSource> sources = new ArrayList<>();
    boolean complete = true;
    if (object.has("sources")) {
      List<ConfigValue> items = object.list("sources");
      if (items.isEmpty()) {
        object
            .value("sources", true)
            .ifPresent(
                v ->
                    v.reader()
                        .error(
                            v, "'" + v.path() + "' lists no source; leave it out for the default"));
        complete = false;
      }
      for (ConfigValue item : items) {
        List<AddressSource> read = source(item, family, context);
        complete &= read != null;
        sources.addAll(read == null ? List.of() : read);
      }
    } else {
      sources.addAll(echoes(family, context));
    }
    int agree = object.integer("agree", 1, 1, 100);
    if (complete && agree > sources.size()) {
      object
          .value("agree", true)
          .ifPresent(
              v ->
                  v.reader()
                      .error(
                          v,
                          "agree is "
                              + agree
                              + " but "
                              + object.describe()
                              + " has only "
                              + sources.size()
                              + (sources.size() == 1 ? " source" : " sources")
                              + " (https: default counts one per built-in service)"));
    }
    Duration timeout = object.duration("timeout", DEFAULT_TIMEOUT);
    if (timeout.isZero()) {
      object
          .value("timeout", true)
          .ifPresent(v -> v.reader().error(v, "timeout must be more than 0"));
      timeout = DEFAULT_TIMEOUT;
    }
    object.finish();
    if (!complete || agree > sources.size()) {
      return null;
    }
    return new FamilyDetection(family, sources, agree, timeout, context);
  }

  /** The sources one list item stands for, or {@code null} after reporting why. */
  private static List<AddressSource> source(
      ConfigValue item, Family family, DetectionContext context) {
    Optional<ConfigObject> found = item.asObject();
    if (found.isEmpty()) {
      return null;
    }
    ConfigObject object = found.get();
    List<String> given = KINDS.stream().filter(object::has).toList();
    if (given.size() != 1) {
      String problem =
          given.isEmpty()
              ? "names no kind of address source"
              : "names " + String.join(" and ", given) + "; one source has one kind";
      String hint =
          object.keys().stream()
              .map(key -> Suggestions.didYouMean(key, KINDS))
              .filter(s -> !s.isEmpty())
              .findFirst()
              .orElse("");
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
                  + hint);
      object.allow(object.keys().toArray(String[]::new));
      object.finish();
      return null;
    }
    List<AddressSource> sources =
        switch (given.getFirst()) {
          case "https" -> https(object, family, context);
          case "interface" -> networkInterface(object, family, context);
          case "dns" -> DnsConfig.read(object, family);
          case "command" -> command(object, context);
          default -> staticAddress(object, family);
        };
    object.finish();
    return sources;
  }

  private static List<AddressSource> https(
      ConfigObject object, Family family, DetectionContext context) {
    String text = object.string("https");
    if (text == null) {
      return null;
    }
    text = text.strip();
    if (text.equals("default")) {
      return echoes(family, context);
    }
    try {
      URI uri = URI.create(text);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return List.of(new EchoSource(uri, context));
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    error(
        object,
        "https",
        "https must be 'default' or the http(s) URL of a service that answers with the caller's"
            + " address, such as https://api.ipify.org, got '"
            + text
            + "'");
    return null;
  }

  private static List<AddressSource> networkInterface(
      ConfigObject object, Family family, DetectionContext context) {
    String device = object.string("interface");
    if (device == null) {
      return null;
    }
    device = device.strip();
    TemporaryAddresses temporary = TemporaryAddresses.AVOID;
    if (family == Family.IPV6) {
      temporary = object.choice("temporary", TemporaryAddresses.class, TemporaryAddresses.AVOID);
    }
    if (device.isEmpty() || device.contains("/") || device.contains(" ")) {
      error(
          object,
          "interface",
          "interface must name a network interface such as eth0, got '" + device + "'");
      return null;
    }
    return List.of(new InterfaceSource(device, temporary, context.ifInet6()));
  }

  private static List<AddressSource> command(ConfigObject object, DetectionContext context) {
    ConfigValue value = object.value("command", true).orElseThrow();
    List<String> argv = new ArrayList<>();
    String text;
    if (value.isScalar()) {
      text = value.asString().orElse("").strip();
      argv.addAll(List.of("/bin/sh", "-c", text));
    } else {
      value.asList().forEach(part -> part.asString().ifPresent(argv::add));
      text = String.join(" ", argv);
    }
    if (text.isEmpty()) {
      value.reader().error(value, "command must be a command line such as /usr/local/bin/my-ip");
      return null;
    }
    return List.of(new CommandSource(argv, text, context.commands()));
  }

  private static List<AddressSource> staticAddress(ConfigObject object, Family family) {
    String text = object.string("static");
    if (text == null) {
      return null;
    }
    text = text.strip();
    Optional<InetAddress> address = AddressText.literal(text);
    String problem;
    if (address.isEmpty()) {
      problem = "static must be an " + family + " address, got '" + text + "'";
    } else if (!family.holds(address.get())) {
      problem =
          "static "
              + text
              + " is an "
              + Family.of(address.get())
              + " address; "
              + family.key()
              + " needs an "
              + family
              + " address";
    } else {
      Optional<String> special = GlobalAddresses.problem(address.get());
      if (special.isEmpty()) {
        return List.of(new StaticSource(address.get()));
      }
      problem = "static " + text + " is not globally routable (" + special.get() + ")";
    }
    error(object, "static", problem);
    return null;
  }

  private static List<AddressSource> echoes(Family family, DetectionContext context) {
    return context.defaultEchoes(family).stream()
        .<AddressSource>map(uri -> new EchoSource(uri, context))
        .toList();
  }

  static void error(ConfigObject object, String key, String message) {
    object
        .value(key, true)
        .ifPresentOrElse(
            value -> value.reader().error(value, message),
            () -> object.reader().problems().error(object.position(), message));
  }
}
