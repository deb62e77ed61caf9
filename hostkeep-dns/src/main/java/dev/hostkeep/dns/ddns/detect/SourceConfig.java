package dev.hostkeep.dns.ddns.detect;

import static dev.hostkeep.dns.ddns.detect.DetectionConfig.error;

import dev.hostkeep.core.config.ConfigObject;
import dev.hostkeep.core.config.ConfigValue;
import dev.hostkeep.core.config.Suggestions;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one item of a family's {@code sources:} list: a mapping naming exactly one kind ({@code
 * https}, {@code interface}, {@code dns}, {@code command}, {@code static}) with that kind's options
 * beside it. The shape is documented on {@link DetectionConfig}.
 */
final class SourceConfig {
  static final List<String> KINDS = List.of("https", "interface", "dns", "command", "static");

  private SourceConfig() {}

  /** The sources one list item stands for, or {@code null} after reporting why. */
  static List<AddressSource> read(ConfigValue item, Family family, DetectionContext context) {
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
      return DetectionConfig.echoes(family, context);
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
}
