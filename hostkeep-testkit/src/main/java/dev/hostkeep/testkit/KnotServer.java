package dev.hostkeep.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A throwaway Knot DNS 3.2 ({@code knotd}) on a 127.0.0.1 port, with configuration, zone files,
 * database and control socket in one temp folder.
 *
 * <p>It serves zones from zone-file text ({@link Builder#zone}), and with a {@link
 * Builder#primary(int, TsigKey) primary} also plain secondary zones and catalog zones it consumes
 * (RFC 9432: each member becomes a secondary of the same primary). Transfers use the primary's TSIG
 * key; NOTIFY is accepted from 127.0.0.1. {@link #start} returns once the configuration passed
 * {@code knotc conf-check}, the port answers and every zone-file zone answers its SOA; zones that
 * come by transfer may arrive later, see {@link #awaitZone}.
 */
public final class KnotServer implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofSeconds(20);

  private final ServerProcess process;
  private final int port;
  private final Path dir;

  private KnotServer(ServerProcess process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  /** A builder for a Knot whose files go to {@code dir} (an empty temp folder). */
  public static Builder builder(Path dir) {
    return new Builder(dir);
  }

  /** The UDP and TCP port on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** The folder holding {@code knot.conf}, zone files, the database and {@code knotd.log}. */
  public Path directory() {
    return dir;
  }

  public long pid() {
    return process.pid();
  }

  /**
   * Waits until Knot answers the SOA of {@code zone} authoritatively (a transfer finished); fails
   * with the log tail after {@code timeout}, leaving Knot running.
   */
  public void awaitZone(String zone, Duration timeout) {
    process.await(
        "serving zone " + zone,
        timeout,
        () -> DnsProbe.soa(port, zone).map(DnsProbe.Reply::hasSoa).orElse(false));
  }

  /** The tail of knotd's log, for failure messages. */
  public String logTail() {
    return process.logTail();
  }

  /** Stops knotd by PID and waits until it has exited. */
  @Override
  public void close() {
    process.close();
  }

  /** Collects zones and the primary, then starts knotd. Not thread-safe. */
  public static final class Builder {
    private final Path dir;
    private final Map<String, KnotConfig.Role> zones = new LinkedHashMap<>();
    private final Map<String, String> zoneFiles = new LinkedHashMap<>();
    private KnotConfig.Primary primary;
    private int port;

    private Builder(Path dir) {
      this.dir = dir.toAbsolutePath();
    }

    /**
     * The port to listen on, for tests that must name it before Knot starts (a primary's {@code
     * also-notify}); a free one by default. Take it from {@link FreePorts#next()}.
     */
    public Builder port(int port) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
      }
      this.port = port;
      return this;
    }

    /** Serves {@code zone} from {@code zoneFile}, the text of a zone file with SOA and NS. */
    public Builder zone(String zone, String zoneFile) {
      String name = add(zone, KnotConfig.Role.PRIMARY);
      zoneFiles.put(name, zoneFile);
      return this;
    }

    /**
     * Transfers secondary and catalog zones from 127.0.0.1:{@code port}, signed with {@code key}.
     */
    public Builder primary(int port, TsigKey key) {
      this.primary = new KnotConfig.Primary(port, key);
      return this;
    }

    /** Serves {@code zone} as a secondary of the {@link #primary primary}. */
    public Builder secondaryZone(String zone) {
      add(zone, KnotConfig.Role.SECONDARY);
      return this;
    }

    /** Consumes the catalog {@code zone} from the {@link #primary primary}. */
    public Builder catalogZone(String zone) {
      add(zone, KnotConfig.Role.CATALOG);
      return this;
    }

    /** Writes and checks the configuration and zone files, then starts knotd. */
    public KnotServer start() {
      Path knotd = Binaries.require("knotd");
      Path knotc = Binaries.require("knotc");
      requirePrimaryWhereNeeded();
      int listen = port != 0 ? port : FreePorts.next();
      Path conf = writeFiles(listen);
      ExternalCommand.run(dir, List.of(knotc.toString(), "-c", conf.toString(), "conf-check"))
          .orFail();
      ServerProcess process =
          ServerProcess.start(
              "knotd", List.of(knotd.toString(), "-c", conf.toString()), dir, Map.of());
      process.awaitReady(STARTUP, () -> servesZoneFiles(listen));
      return new KnotServer(process, listen, dir);
    }

    private String add(String zone, KnotConfig.Role role) {
      String name = zone.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
      if (zones.putIfAbsent(name, role) != null) {
        throw new IllegalArgumentException("zone '" + name + "' was already added");
      }
      return name;
    }

    private void requirePrimaryWhereNeeded() {
      List<String> pulled =
          zones.entrySet().stream()
              .filter(zone -> zone.getValue() != KnotConfig.Role.PRIMARY)
              .map(Map.Entry::getKey)
              .toList();
      if (primary == null && !pulled.isEmpty()) {
        throw new IllegalStateException(
            "zones " + pulled + " are transferred, but no primary(port, key) was given");
      }
    }

    private Path writeFiles(int listen) {
      try {
        Files.createDirectories(dir.resolve("run"));
        Files.createDirectories(dir.resolve("db"));
        Files.createDirectories(dir.resolve("zones"));
        for (Map.Entry<String, String> zone : zoneFiles.entrySet()) {
          Files.writeString(dir.resolve("zones").resolve(zone.getKey() + ".zone"), zone.getValue());
        }
        Path conf = dir.resolve("knot.conf");
        Files.writeString(conf, KnotConfig.write(dir, listen, primary, zones));
        return conf;
      } catch (IOException e) {
        throw new UncheckedIOException("could not write Knot's files in " + dir, e);
      }
    }

    private boolean servesZoneFiles(int listen) {
      if (zoneFiles.isEmpty()) {
        return DnsProbe.soa(listen, ".").isPresent();
      }
      return zoneFiles.keySet().stream()
          .allMatch(zone -> DnsProbe.soa(listen, zone).map(DnsProbe.Reply::hasSoa).orElse(false));
    }
  }
}
