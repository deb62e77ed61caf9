package dev.hostkeep.dns.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.dns.InvalidZoneNameException;
import dev.hostkeep.dns.ZoneName;
import dev.hostkeep.dns.secondary.ZoneListing;
import dev.hostkeep.dns.secondary.ZoneSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The zones a PowerDNS server is primary for, from {@code GET /api/v1/servers/localhost/zones}:
 * those of the configured kinds (Master and Native by default, compared without regard to case)
 * and, when an account is set, of that account only.
 *
 * <p>Anything but a 2xx JSON list throws, saying what came back (status, content type and the start
 * of the body, never the API key): an HTML login page or proxy error must not read as "no zones".
 * Refused connections, timeouts, 429 and 5xx are retriable.
 */
public final class PowerDnsZoneSource implements ZoneSource {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SNIPPET = 100;

  private final PowerDnsSourceSettings settings;
  private final HttpClient http;
  private final URI zonesUri;

  public PowerDnsZoneSource(PowerDnsSourceSettings settings) {
    this(settings, HttpClient.newBuilder().connectTimeout(settings.timeout()).build());
  }

  public PowerDnsZoneSource(PowerDnsSourceSettings settings, HttpClient http) {
    this.settings = settings;
    this.http = http;
    this.zonesUri = URI.create(base(settings.url()) + "/api/v1/servers/localhost/zones");
  }

  private static String base(URI url) {
    String text = url.toString();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    return text.endsWith("/api/v1") ? text.substring(0, text.length() - "/api/v1".length()) : text;
  }

  @Override
  public String name() {
    return "powerdns "
        + base(settings.url())
        + settings.account().map(a -> " account " + a).orElse("");
  }

  @Override
  public ZoneListing read() {
    HttpResponse<String> response = get();
    JsonNode zones = json(response);
    TreeSet<String> names = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    for (JsonNode zone : zones) {
      String kind = zone.path("kind").asText("").toLowerCase(Locale.ROOT);
      String account = zone.path("account").asText("");
      if (!settings.kinds().contains(kind)
          || settings.account().isPresent() && !settings.account().get().equals(account)) {
        continue;
      }
      String raw = zone.path("name").asText("");
      try {
        names.add(ZoneName.parse(raw).toString());
      } catch (InvalidZoneNameException e) {
        problems.add(name() + ": zone '" + raw + "': " + e.reason() + "; not listed");
      }
    }
    return new ZoneListing(names, problems);
  }

  private HttpResponse<String> get() {
    HttpRequest request =
        HttpRequest.newBuilder(zonesUri)
            .header("X-API-Key", settings.apiKey().reveal())
            .header("Accept", "application/json")
            .timeout(settings.timeout())
            .GET()
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw HostkeepException.retriable(
          "PowerDNS API " + zonesUri + " did not answer: " + describe(e) + "; is it running?", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw HostkeepException.retriable("interrupted while reading " + zonesUri, e);
    }
  }

  private JsonNode json(HttpResponse<String> response) {
    int status = response.statusCode();
    String type = response.headers().firstValue("Content-Type").orElse("no content type");
    String answer =
        "PowerDNS API "
            + zonesUri
            + " answered "
            + status
            + " ("
            + type
            + "): "
            + snippet(response);
    if (status == 401 || status == 403) {
      throw new HostkeepException(answer + "; check api_key");
    }
    if (status == 429 || status >= 500) {
      throw HostkeepException.retriable(answer, null);
    }
    if (status < 200 || status > 299) {
      throw new HostkeepException(answer + "; is url the server's API address?");
    }
    JsonNode body;
    try {
      body = type.toLowerCase(Locale.ROOT).contains("json") ? JSON.readTree(response.body()) : null;
    } catch (IOException e) {
      body = null;
    }
    if (body == null || !body.isArray()) {
      throw new HostkeepException(
          answer + "; expected a JSON list of zones: is url the PowerDNS webserver's address?");
    }
    return body;
  }

  private String snippet(HttpResponse<String> response) {
    String body = response.body() == null ? "" : response.body().strip().replaceAll("\\s+", " ");
    String key = settings.apiKey().reveal();
    if (!key.isEmpty()) {
      body = body.replace(key, "****");
    }
    if (body.isEmpty()) {
      return "an empty body";
    }
    return "'" + (body.length() > SNIPPET ? body.substring(0, SNIPPET) + "..." : body) + "'";
  }

  private static String describe(IOException e) {
    String type = e.getClass().getSimpleName();
    return e.getMessage() == null ? type : type + " " + e.getMessage();
  }
}
