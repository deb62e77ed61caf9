package dev.hostkeep.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A throwaway BIND 9.18 primary on a free 127.0.0.1 port, with all its files in one temp folder.
 *
 * <p>It serves the zones given to its {@link Builder}, accepts RFC 2136 updates signed with its
 * TSIG key ({@code update-policy { grant KEY zonesub ANY; }}; unsigned updates are REFUSED), and
 * allows zone transfers only with that key. NOTIFY is off unless asked for a zone with {@link
 * Builder#notify(String, int)}. {@link #start} returns once every zone answers its SOA over UDP.
 *
 * <p>With a {@link Builder#primary(int, TsigKey) primary} it can also consume RFC 9432 catalogs
 * ({@link Builder#catalogZone(String)}): the catalog and each of its members become secondaries
 * transferred from that primary with its key (BIND's {@code catalog-zones} option).
 */
public final class BindServer implements AutoCloseable {
  /** The TSIG algorithm of the generated key. */
  public static final String ALGORITHM = "hmac-sha256";

  private static final Duration STARTUP = Duration.ofSeconds(20);
  private static final Pattern SECRET = Pattern.compile("secret \"([^\"]+)\"");

  private final ServerProcess process;
  private final int port;
  private final TsigKey key;
  private final Path dir;

  private BindServer(ServerProcess process, int port, TsigKey key, Path dir) {
    this.process = process;
    this.port = port;
    this.key = key;
    this.dir = dir;
  }

  /** Starts a BIND serving no zones, with its files in {@code dir}. */
  public static BindServer start(Path dir) {
    return builder(dir).start();
  }

  /** A builder for a BIND whose files go to {@code dir} (an empty temp folder). */
  public static Builder builder(Path dir) {
    return new Builder(dir);
  }

  /** The UDP and TCP port on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** The TSIG key that signs updates and transfers. */
  public TsigKey tsigKey() {
    return key;
  }

  public String keyName() {
    return key.name();
  }

  public String keyAlgorithm() {
    return key.algorithm();
  }

  /** The key's base64 secret. */
  public String keySecret() {
    return key.secret();
  }

  /** The folder holding the configuration, zone files, journals and {@code named.log}. */
  public Path directory() {
    return dir;
  }

  public long pid() {
    return process.pid();
  }

  /** The tail of named's log, for failure messages. */
  public String logTail() {
    return process.logTail();
  }

  /** Stops named by PID and waits until it has exited. */
  @Override
  public void close() {
    process.close();
  }

  /** Collects zones and NOTIFY targets, then starts the server. Not thread-safe. */
  public static final class Builder {
    private final Path dir;
    private final Map<String, BindZone> zones = new LinkedHashMap<>();
    private String keyName = "hostkeep-key";
    private int port;
    private TsigKey primary;
    private int primaryPort;
    private final List<String> catalogs = new ArrayList<>();

    private Builder(Path dir) {
      this.dir = dir.toAbsolutePath();
    }

    /** The TSIG key's name; {@code hostkeep-key} by default. */
    public Builder keyName(String name) {
      if (!name.matches("[A-Za-z0-9][A-Za-z0-9.-]*")) {
        throw new IllegalArgumentException("TSIG key name '" + name + "' is not a plain DNS name");
      }
      this.keyName = name;
      return this;
    }

    /**
     * Serves {@code zone} as a primary from {@code zoneFile}, the text of a zone file (with its own
     * {@code $ORIGIN} or names relative to the zone, a SOA and an NS record).
     */
    public Builder zone(String zone, String zoneFile) {
      String name = normalize(zone);
      if (zones.containsKey(name)) {
        throw new IllegalArgumentException("zone '" + name + "' was already added");
      }
      zones.put(name, new BindZone(name, zoneFile, new ArrayList<>()));
      return this;
    }

    /**
     * Sends NOTIFY for {@code zone} (added before) to 127.0.0.1:{@code port} at once after each
     * change ({@code notify explicit; also-notify { 127.0.0.1 port N; }; notify-delay 0;}).
     */
    public Builder notify(String zone, int port) {
      BindZone found = zones.get(normalize(zone));
      if (found == null) {
        throw new IllegalArgumentException(
            "no zone '" + zone + "' to notify for; zones so far: " + zones.keySet());
      }
      found.notifyPorts().add(port);
      return this;
    }

    /**
     * The port to listen on, for tests that must name it before this server starts (a primary's
     * {@code also-notify}); a free one by default. Take it from {@link FreePorts#next()}.
     */
    public Builder port(int port) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
      }
      this.port = port;
      return this;
    }

    /**
     * Transfers catalog zones and their members from 127.0.0.1:{@code port}, signed with {@code
     * key}; its name must differ from this server's own {@link #keyName key name}.
     */
    public Builder primary(int port, TsigKey key) {
      this.primaryPort = port;
      this.primary = key;
      return this;
    }

    /**
     * Consumes the RFC 9432 catalog {@code zone} from the {@link #primary primary}: serves every
     * member it lists as a secondary, and drops members it no longer lists.
     */
    public Builder catalogZone(String zone) {
      catalogs.add(normalize(zone));
      return this;
    }

    /** Writes the configuration, checks it with named-checkconf and starts named. */
    public BindServer start() {
      Path named = Binaries.require("named");
      Path checkconf = Binaries.require("named-checkconf");
      Path keygen = Binaries.require("tsig-keygen");
      if (!catalogs.isEmpty() && primary == null) {
        throw new IllegalStateException("catalogs " + catalogs + " need primary(port, key)");
      }
      if (primary != null && primary.name().equals(keyName)) {
        throw new IllegalStateException(
            "the primary's key and this server's key are both named '"
                + keyName
                + "'; give this server another keyName(...)");
      }
      int port = this.port != 0 ? this.port : FreePorts.next();
      TsigKey key = writeKey(keygen);
      Path conf = writeConfig(port);
      ExternalCommand.run(dir, List.of(checkconf.toString(), "-z", conf.toString())).orFail();
      ServerProcess process =
          ServerProcess.start(
              "named",
              List.of(named.toString(), "-g", "-4", "-n", "1", "-c", conf.toString()),
              dir,
              Map.of());
      process.awaitReady(STARTUP, () -> answersAllSoas(port));
      return new BindServer(process, port, key, dir);
    }

    private TsigKey writeKey(Path keygen) {
      String text =
          ExternalCommand.run(dir, List.of(keygen.toString(), "-a", ALGORITHM, keyName))
              .orFail()
              .stdout();
      Matcher secret = SECRET.matcher(text);
      if (!secret.find()) {
        throw new IllegalStateException("tsig-keygen printed no secret:\n" + text);
      }
      write(dir.resolve("tsig.key"), text);
      return new TsigKey(keyName, ALGORITHM, secret.group(1));
    }

    private Path writeConfig(int port) {
      StringBuilder conf =
          new StringBuilder(
              BindConfig.options(
                  dir, port, keyName, BindConfig.catalogZones(catalogs, primaryPort, primary)));
      if (primary != null) {
        conf.append(BindConfig.key(primary));
        catalogs.forEach(
            catalog -> conf.append(BindConfig.secondaryZone(catalog, dir, primaryPort, primary)));
      }
      for (BindZone zone : zones.values()) {
        Path file = dir.resolve(zone.name() + ".db");
        write(file, zone.zoneFile());
        conf.append(BindConfig.zone(zone, file, keyName));
      }
      Path path = dir.resolve("named.conf");
      write(path, conf.toString());
      return path;
    }

    private boolean answersAllSoas(int port) {
      if (zones.isEmpty()) {
        return DnsProbe.soa(port, ".").isPresent();
      }
      return zones.keySet().stream()
          .allMatch(zone -> DnsProbe.soa(port, zone).map(DnsProbe.Reply::hasSoa).orElse(false));
    }
  }

  private static String normalize(String zone) {
    String name = zone.toLowerCase(Locale.ROOT);
    name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    if (!name.matches("[a-z0-9_-]+(\\.[a-z0-9_-]+)*")) {
      throw new IllegalArgumentException("'" + zone + "' is not a zone name");
    }
    return name;
  }

  private static void write(Path path, String text) {
    try {
      Files.writeString(path, text);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + path, e);
    }
  }
}
