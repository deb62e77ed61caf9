package dev.hostkeep.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A throwaway PowerDNS Authoritative 4.7 with the gsqlite3 backend, its DNS and HTTP API on free
 * 127.0.0.1 ports and all its files in one temp folder.
 *
 * <p>It starts with no zones; tests create them through the API ({@code primary=yes}, {@code
 * secondary=yes}, zones made by the API get a real SOA from {@code default-soa-content}). Caches
 * are off so a change made through the API is what the next DNS query sees. {@link #start} returns
 * once {@code GET /api/v1/servers/localhost} answers 200 and the DNS port answers.
 */
public final class PowerDnsServer implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofSeconds(20);
  private static final Path SCHEMA =
      Path.of("/usr/share/pdns-backend-sqlite3/schema/schema.sqlite3.sql");

  private final ServerProcess process;
  private final int dnsPort;
  private final URI apiUrl;
  private final String apiKey;

  private PowerDnsServer(ServerProcess process, int dnsPort, URI apiUrl, String apiKey) {
    this.process = process;
    this.dnsPort = dnsPort;
    this.apiUrl = apiUrl;
    this.apiKey = apiKey;
  }

  /** Starts PowerDNS with its configuration, database and log in {@code dir}. */
  public static PowerDnsServer start(Path dir) {
    Path pdns = Binaries.require("pdns_server");
    Path sqlite = Binaries.require("sqlite3");
    Binaries.requireFile(SCHEMA, "install pdns-backend-sqlite3 (scripts/install-test-deps.sh)");
    Path home = dir.toAbsolutePath();
    Path database = home.resolve("pdns.sqlite3");
    ExternalCommand.run(home, List.of(sqlite.toString(), database.toString(), ".read " + SCHEMA))
        .orFail();
    int dnsPort = FreePorts.next();
    int webPort = FreePorts.next();
    String apiKey = HexFormat.of().formatHex(randomBytes());
    write(home.resolve("pdns.conf"), config(home, database, dnsPort, webPort, apiKey));
    ServerProcess process =
        ServerProcess.start(
            "pdns", List.of(pdns.toString(), "--config-dir=" + home), home, Map.of());
    URI apiUrl = URI.create("http://127.0.0.1:" + webPort);
    try (HttpClient client = HttpClient.newHttpClient()) {
      process.awaitReady(
          STARTUP,
          () ->
              serverResourceAnswers(client, apiUrl, apiKey)
                  && DnsProbe.soa(dnsPort, ".").isPresent());
    }
    return new PowerDnsServer(process, dnsPort, apiUrl, apiKey);
  }

  /** The UDP and TCP DNS port on 127.0.0.1. */
  public int dnsPort() {
    return dnsPort;
  }

  /**
   * The webserver's base URL, {@code http://127.0.0.1:PORT} without a trailing slash; the API is
   * under {@code /api/v1/servers/localhost}.
   */
  public URI apiUrl() {
    return apiUrl;
  }

  /** The value for the {@code X-API-Key} header. */
  public String apiKey() {
    return apiKey;
  }

  /** What the API answered: the HTTP status and the body. */
  public record Answer(int status, String body) {}

  /**
   * One request to the API with the server's key, as a user's script would make it: {@code path} is
   * below {@code /api/v1/servers/localhost}, {@code json} the body (empty for none).
   */
  public Answer call(String method, String path, String json) {
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpRequest request =
          HttpRequest.newBuilder(apiUrl.resolve("/api/v1/servers/localhost" + path))
              .header("X-API-Key", apiKey)
              .header("Content-Type", "application/json")
              .method(method, HttpRequest.BodyPublishers.ofString(json))
              .build();
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " to PowerDNS failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calling PowerDNS", e);
    }
  }

  public long pid() {
    return process.pid();
  }

  /** The tail of pdns_server's log, for failure messages. */
  public String logTail() {
    return process.logTail();
  }

  /** Stops pdns_server by PID and waits until it has exited. */
  @Override
  public void close() {
    process.close();
  }

  private static String config(Path dir, Path database, int dnsPort, int webPort, String apiKey) {
    return """
        launch=gsqlite3
        gsqlite3-database=%s
        gsqlite3-dnssec=yes
        local-address=127.0.0.1
        local-port=%d
        socket-dir=%s
        daemon=no
        guardian=no
        disable-syslog=yes
        loglevel=4
        webserver=yes
        webserver-address=127.0.0.1
        webserver-port=%d
        webserver-allow-from=127.0.0.0/8
        api=yes
        api-key=%s
        primary=yes
        secondary=yes
        xfr-cycle-interval=1
        dnsupdate=yes
        allow-dnsupdate-from=127.0.0.0/8
        default-soa-content=ns1.@ hostmaster.@ 0 10800 3600 604800 3600
        security-poll-suffix=
        cache-ttl=0
        negquery-cache-ttl=0
        query-cache-ttl=0
        zone-cache-refresh-interval=0
        receiver-threads=1
        distributor-threads=1
        """
        .formatted(database, dnsPort, dir, webPort, apiKey);
  }

  private static boolean serverResourceAnswers(HttpClient client, URI apiUrl, String apiKey) {
    HttpRequest request =
        HttpRequest.newBuilder(apiUrl.resolve("/api/v1/servers/localhost"))
            .header("X-API-Key", apiKey)
            .timeout(Duration.ofSeconds(2))
            .build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }

  private static void write(Path path, String text) {
    try {
      Files.writeString(path, text);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + path, e);
    }
  }
}
