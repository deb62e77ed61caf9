package dev.hostkeep.backup.config;

import dev.hostkeep.backup.repo.Retention;
import dev.hostkeep.backup.site.CommandPart;
import dev.hostkeep.backup.site.DatabaseLogin;
import dev.hostkeep.backup.site.DatabasePart;
import dev.hostkeep.backup.site.FilesPart;
import dev.hostkeep.backup.site.Notify;
import dev.hostkeep.backup.site.Part;
import dev.hostkeep.backup.site.Schedule;
import dev.hostkeep.backup.site.Site;
import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.capability.ConfigSection;
import dev.hostkeep.core.config.ConfigObject;
import dev.hostkeep.core.config.ConfigValue;
import dev.hostkeep.core.config.NamedEntries;
import dev.hostkeep.core.config.Position;
import dev.hostkeep.core.host.Hosts;
import dev.hostkeep.core.host.SshTarget;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code sites:} section: each customer site with its host, repository, schedule, retention and
 * parts.
 *
 * <pre>
 * sites:
 *   - name: shop
 *     host: ssh://backup@web1.example.net
 *     repository: main
 *     schedule: daily                      # hourly, weekly, or cron: "30 2 * * *"
 *     keep: { daily: 7, weekly: 4, monthly: 12 }
 *     parts:
 *       - mysql: { database: shop, user: backup, password: ${file:/etc/hostkeep/shop.pass} }
 *       - files: { path: /var/www/shop, exclude: [ "*.log", "/var/www/shop/cache" ] }
 * </pre>
 */
public final class SitesSection implements ConfigSection {
  public static final String NAME = "sites";
  private static final Pattern PART_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final List<String> KINDS =
      List.of("mysql", "mariadb", "postgres", "files", "command");

  /** Every site, in file order. */
  public record Sites(List<Site> sites) {
    public Sites {
      sites = List.copyOf(sites);
    }

    public Optional<Site> site(String name) {
      return sites.stream().filter(s -> s.name().equals(name)).findFirst();
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String summary() {
    return "customer sites: databases, folders and commands backed up from their hosts";
  }

  @Override
  public Object configure(ConfigValue section) {
    return new Sites(NamedEntries.read(section, "sites", SitesSection::site, Site::name));
  }

  private static Optional<Site> site(ConfigObject entry) {
    String name = entry.string("name");
    if (name != null && !PART_NAME.matcher(name).matches()) {
      error(
          entry,
          "name",
          entry.path() + ".name: '" + name + "' may hold only letters, digits, '.', '_', '-'");
    }
    String host = entry.string("host", "local");
    if (!Hosts.isLocal(host)) {
      try {
        SshTarget.parse(host);
      } catch (HostkeepException e) {
        error(entry, "host", entry.path() + ".host: " + e.getMessage());
      }
    }
    String repository = entry.string("repository");
    Schedule schedule = Schedule.daily();
    Optional<String> scheduleText = entry.optionalString("schedule");
    if (scheduleText.isPresent()) {
      try {
        schedule = Schedule.parse(scheduleText.get());
      } catch (IllegalArgumentException e) {
        error(entry, "schedule", entry.path() + ".schedule: " + e.getMessage());
      }
    }
    Retention keep = entry.object("keep").map(SitesSection::keep).orElse(noRetention());
    Optional<String> revision = entry.optionalString("revision");
    List<String> before = entry.strings("before");
    List<String> after = entry.strings("after");
    Notify notify = entry.object("notify").map(SitesSection::notify).orElse(null);
    List<Part> parts = new ArrayList<>();
    Set<String> names = new HashSet<>();
    List<ConfigValue> items = entry.list("parts");
    if (items.isEmpty()) {
      entry
          .reader()
          .problems()
          .error(
              entry.position(),
              "site '"
                  + name
                  + "' has no parts: list what to back up under 'parts'"
                  + " (mysql, postgres, files or command)");
    }
    for (ConfigValue item : items) {
      Optional<Part> part = item.asObject().flatMap(SitesSection::part);
      if (part.isEmpty()) {
        continue;
      }
      if (!names.add(part.get().name())) {
        item.reader()
            .error(
                item,
                "two parts of site '"
                    + name
                    + "' are named '"
                    + part.get().name()
                    + "': give one of them another name (name: ...)");
      }
      parts.add(part.get());
    }
    entry.finish();
    if (name == null || repository == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Site(name, host, repository, schedule, keep, parts, revision, before, after, notify));
  }

  private static Optional<Part> part(ConfigObject item) {
    List<String> kinds = item.keys().stream().filter(KINDS::contains).toList();
    if (kinds.size() != 1) {
      item.reader()
          .problems()
          .error(
              item.position(),
              item.path()
                  + ": a part is one of "
                  + String.join(", ", KINDS)
                  + (kinds.isEmpty() ? ", found " + item.keys() : ", not several: " + kinds));
      item.allow(item.keys().toArray(String[]::new));
      return Optional.empty();
    }
    String kind = kinds.get(0);
    Optional<ConfigObject> body = item.object(kind);
    item.finish();
    if (body.isEmpty()) {
      item.reader().problems().error(item.position(), item.path() + "." + kind + " needs settings");
      return Optional.empty();
    }
    ConfigObject settings = body.get();
    Optional<Part> part =
        switch (kind) {
          case "mysql", "mariadb" -> database(settings, DatabasePart.Engine.MYSQL);
          case "postgres" -> database(settings, DatabasePart.Engine.POSTGRES);
          case "files" -> files(settings);
          default -> command(settings);
        };
    settings.finish();
    return part;
  }

  private static Optional<Part> database(ConfigObject settings, DatabasePart.Engine engine) {
    List<String> databases = new ArrayList<>(settings.strings("database"));
    databases.addAll(settings.strings("databases"));
    boolean all = settings.bool("all", false);
    if (all == !databases.isEmpty()) {
      settings
          .reader()
          .problems()
          .error(
              settings.position(),
              settings.path() + ": name the database(s) (database: NAME) or say all: true");
    }
    boolean postgres = engine == DatabasePart.Engine.POSTGRES;
    DatabasePart.Format format =
        postgres
            ? settings.choice("format", DatabasePart.Format.class, DatabasePart.Format.PLAIN)
            : DatabasePart.Format.PLAIN;
    boolean globals = postgres && settings.bool("globals", false);
    DatabaseLogin login =
        new DatabaseLogin(
            settings.optionalString("user"),
            settings.optionalSecret("password"),
            settings.optionalString("server"),
            port(settings),
            settings.optionalString("socket"),
            engine == DatabasePart.Engine.MYSQL
                ? settings.optionalString("option_file")
                : Optional.empty());
    List<String> options = settings.has("options") ? settings.strings("options") : null;
    String base = engine.kind() + (databases.size() == 1 ? "-" + databases.get(0) : "");
    return named(settings, base)
        .map(
            name ->
                new DatabasePart(
                    name,
                    engine,
                    databases,
                    login,
                    options,
                    settings.optionalString("program"),
                    format,
                    globals));
  }

  private static OptionalInt port(ConfigObject settings) {
    if (!settings.has("port")) {
      settings.allow("port");
      return OptionalInt.empty();
    }
    return OptionalInt.of(settings.integer("port", 0, 1, 65535));
  }

  private static Optional<Part> files(ConfigObject settings) {
    String path = settings.string("path");
    if (path == null) {
      return Optional.empty();
    }
    if (!path.startsWith("/")) {
      error(settings, "path", settings.path() + ".path: '" + path + "' must be absolute");
      return Optional.empty();
    }
    String normal =
        path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    List<String> excludes = settings.strings("exclude");
    boolean caches = settings.bool("exclude_caches", false);
    boolean oneFileSystem = settings.bool("one_file_system", false);
    boolean follow = settings.bool("follow_symlinks", false);
    String last = normal.substring(normal.lastIndexOf('/') + 1);
    String base = last.isEmpty() ? "files" : "files-" + last.replaceAll("[^A-Za-z0-9._-]", "_");
    return named(settings, base)
        .map(name -> new FilesPart(name, normal, excludes, caches, oneFileSystem, follow));
  }

  private static Optional<Part> command(ConfigObject settings) {
    String run = settings.string("run");
    Optional<String> name = settings.optionalString("name");
    if (name.isEmpty()) {
      settings
          .reader()
          .problems()
          .error(settings.position(), settings.path() + ": a command part needs a name");
    }
    String filename = settings.string("filename", name.orElse("command") + ".out");
    if (filename.contains("/") || filename.isEmpty()) {
      error(
          settings,
          "filename",
          settings.path() + ".filename: '" + filename + "' is not a file name");
      return Optional.empty();
    }
    if (run == null || name.isEmpty()) {
      return Optional.empty();
    }
    return named(settings, name.get()).map(n -> new CommandPart(n, run, filename));
  }

  private static Optional<String> named(ConfigObject settings, String base) {
    String name = settings.string("name", base);
    if (!PART_NAME.matcher(name).matches()) {
      String message =
          settings.has("name")
              ? settings.path()
                  + ".name: '"
                  + name
                  + "' may hold only letters, digits, '.', '_', '-'"
              : settings.path()
                  + ": give this part a name (name: ...); '"
                  + name
                  + "' cannot be one";
      error(settings, "name", message);
      return Optional.empty();
    }
    return Optional.of(name);
  }

  private static Notify notify(ConfigObject notify) {
    Optional<String> webhook = notify.optionalSecret("webhook").map(s -> s.reveal());
    Optional<String> ping = notify.optionalSecret("ping").map(s -> s.reveal());
    Notify.Email email = notify.object("email").map(SitesSection::email).orElse(null);
    String on = notify.string("on", "failure");
    if (!on.equals("failure") && !on.equals("always")) {
      error(notify, "on", notify.path() + ".on: '" + on + "' is not failure or always");
    }
    for (Optional<String> url : List.of(webhook, ping)) {
      if (url.isPresent() && !httpUrl(url.get())) {
        // The URL itself is not repeated: webhook URLs carry their token.
        notify
            .reader()
            .problems()
            .error(
                notify.position(),
                notify.path()
                    + ": a notification URL must be http(s)://HOST/..., with a host name of"
                    + " letters, digits, dots and dashes and no spaces");
      }
    }
    if (webhook.isEmpty() && ping.isEmpty() && email == null && !notify.has("email")) {
      notify
          .reader()
          .problems()
          .error(notify.position(), notify.path() + ": give a webhook, a ping URL or an email");
    }
    notify.finish();
    return new Notify(webhook.orElse(null), ping.orElse(null), email, on.equals("always"));
  }

  /** Whether {@code url} is an http(s) URL with a host, as Java's HTTP client needs it. */
  private static boolean httpUrl(String url) {
    try {
      java.net.URI uri = new java.net.URI(url);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  /** {@code email: { to, from, server: host[:port], tls, user, password }}. */
  private static Notify.Email email(ConfigObject email) {
    List<String> to = email.strings("to");
    if (to.isEmpty()) {
      email.reader().problems().error(email.position(), email.path() + ": give to: ADDRESS");
    }
    String from = email.string("from", "hostkeep@" + localHost());
    for (String address : concat(to, from)) {
      try {
        new jakarta.mail.internet.InternetAddress(address, true);
      } catch (jakarta.mail.internet.AddressException e) {
        email
            .reader()
            .problems()
            .error(
                email.position(),
                email.path() + ": '" + address + "' is not an e-mail address: " + e.getMessage());
      }
    }
    Notify.Tls tls = email.choice("tls", Notify.Tls.class, Notify.Tls.AUTO);
    String server = email.string("server", "localhost");
    String host = server;
    int port = tls == Notify.Tls.SSL ? 465 : 25;
    int colon = server.lastIndexOf(':');
    if (colon > 0 && !server.endsWith("]") && server.indexOf(':') == colon) {
      host = server.substring(0, colon);
      try {
        port = Integer.parseInt(server.substring(colon + 1));
      } catch (NumberFormatException e) {
        error(email, "server", email.path() + ".server: '" + server + "' is not HOST[:PORT]");
      }
    }
    host = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    Optional<String> user = email.optionalString("user");
    Optional<dev.hostkeep.core.secret.Secret> password = email.optionalSecret("password");
    if (user.isPresent() != password.isPresent()) {
      email
          .reader()
          .problems()
          .error(email.position(), email.path() + ": give user and password together");
    }
    email.finish();
    return new Notify.Email(to, from, host, port, tls, user.orElse(null), password.orElse(null));
  }

  private static List<String> concat(List<String> list, String one) {
    List<String> all = new ArrayList<>(list);
    all.add(one);
    return all;
  }

  private static String localHost() {
    try {
      return java.net.InetAddress.getLocalHost().getCanonicalHostName();
    } catch (java.net.UnknownHostException e) {
      return "localhost";
    }
  }

  private static Retention keep(ConfigObject keep) {
    Retention.Within within = null;
    Optional<String> text = keep.optionalString("within");
    if (text.isPresent()) {
      try {
        within = Retention.Within.parse(text.get());
      } catch (RuntimeException e) {
        error(keep, "within", keep.path() + ".within: " + e.getMessage());
      }
    }
    Retention retention =
        new Retention(
            keep.integer("last", 0, 0, 100_000),
            keep.integer("hourly", 0, 0, 100_000),
            keep.integer("daily", 0, 0, 100_000),
            keep.integer("weekly", 0, 0, 100_000),
            keep.integer("monthly", 0, 0, 100_000),
            keep.integer("yearly", 0, 0, 100_000),
            within,
            List.of());
    keep.finish();
    if (retention.empty()) {
      keep.reader()
          .problems()
          .error(
              keep.position(),
              keep.path()
                  + " keeps nothing by rule, so forget would keep everything; give last, hourly,"
                  + " daily, weekly, monthly, yearly or within");
    }
    return retention;
  }

  private static Retention noRetention() {
    return new Retention(0, 0, 0, 0, 0, 0, null, List.of());
  }

  private static void error(ConfigObject object, String key, String message) {
    Position at = object.value(key, false).map(ConfigValue::position).orElse(object.position());
    object.reader().problems().error(at, message);
  }
}
