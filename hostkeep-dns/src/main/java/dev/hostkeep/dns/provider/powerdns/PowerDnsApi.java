package dev.hostkeep.dns.provider.powerdns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.hostkeep.core.ExitCode;
import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.capability.Providers;
import dev.hostkeep.core.config.ConfigObject;
import dev.hostkeep.dns.provider.ProviderHttp;
import dev.hostkeep.dns.provider.rfc2136.Rfc2136Client;
import dev.hostkeep.dns.record.DnsRecord;
import dev.hostkeep.dns.record.RecordStore;
import dev.hostkeep.dns.replicate.ZoneContent;
import dev.hostkeep.dns.replicate.ZoneTarget;
import dev.hostkeep.dns.replicate.ZoneUpdate;
import dev.hostkeep.dns.secondary.SecondaryTarget;
import dev.hostkeep.dns.secondary.SecondaryTargetFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A PowerDNS Authoritative server's HTTP API ({@code /api/v1/servers/<id>}), the object a {@code
 * powerdns} provider entry configures. Answers that are not 2xx become {@link HostkeepException}s
 * with the method, path, status and PowerDNS's own {@code error} text (or a hint that the answer
 * was not JSON, such as a proxy's HTML page); 429, 5xx and network errors are retriable. The API
 * key is sent as {@code X-API-Key} and never appears in a message. Thread-safe.
 */
public final class PowerDnsApi implements SecondaryTargetFactory, RecordStore, ZoneTarget {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PowerDnsConfig config;
  private final HttpClient http;
  private final PowerDnsRecords records = new PowerDnsRecords(this);
  private final PowerDnsZones zones = new PowerDnsZones(this);

  public PowerDnsApi(PowerDnsConfig config) {
    this(config, HttpClient.newBuilder().connectTimeout(config.timeout()).build());
  }

  public PowerDnsApi(PowerDnsConfig config, HttpClient http) {
    this.config = config;
    this.http = http;
  }

  public PowerDnsConfig config() {
    return config;
  }

  @Override
  public List<DnsRecord> find(String zone, String name, String type) {
    return records.find(zone, name, type);
  }

  @Override
  public DnsRecord create(String zone, String name, String type, String value, int ttl) {
    return records.replace(zone, name, type, value, ttl);
  }

  @Override
  public DnsRecord update(String zone, DnsRecord existing, String value, int ttl) {
    return records.replace(zone, existing.name(), existing.type(), value, ttl);
  }

  @Override
  public Optional<ZoneContent> read(String zone) {
    return zones.read(zone);
  }

  @Override
  public void apply(ZoneUpdate update) {
    zones.apply(update);
  }

  @Override
  public boolean createsZones() {
    return true;
  }

  /**
   * A target that provisions zones on this server as secondaries (kind Slave) pulling from {@code
   * primaries} ({@code address[:port]}), signed with {@code key} when given.
   */
  public PowerDnsSecondary secondary(List<String> primaries, Optional<PowerDnsSecondary.Key> key) {
    return new PowerDnsSecondary(this, primaries, key);
  }

  /** A response: its status and its JSON body ({@link MissingNode} when empty). */
  record Answer(int status, JsonNode body) {
    boolean ok() {
      return status / 100 == 2;
    }

    /** PowerDNS's {@code error} text, or "". */
    String error() {
      return body.path("error").asText("");
    }
  }

  Answer get(String path) {
    return send("GET", path, null);
  }

  Answer post(String path, Object body) {
    return send("POST", path, body);
  }

  Answer put(String path, Object body) {
    return send("PUT", path, body);
  }

  Answer patch(String path, Object body) {
    return send("PATCH", path, body);
  }

  Answer delete(String path) {
    return send("DELETE", path, null);
  }

  /** Throws unless {@code answer} is 2xx; {@code what} says what was being done. */
  Answer require(Answer answer, String method, String path, String what) {
    if (answer.ok()) {
      return answer;
    }
    throw failure(answer, method, path, what);
  }

  HostkeepException failure(Answer answer, String method, String path, String what) {
    String detail =
        answer.error().isEmpty() ? describeBody(answer.body()) : "\"" + answer.error() + "\"";
    String message =
        "PowerDNS "
            + config.server()
            + ": "
            + what
            + " failed: "
            + method
            + " "
            + path
            + " answered HTTP "
            + answer.status()
            + " "
            + detail
            + hint(answer.status());
    boolean retriable = answer.status() == 429 || answer.status() >= 500;
    return new HostkeepException(ExitCode.FAILURE, retriable, message, null);
  }

  private Answer send(String method, String path, Object body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(config.base() + path))
            .timeout(config.timeout())
            .header("X-API-Key", config.apiKey().reveal())
            .header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofString(json(body)));
    }
    HttpResponse<String> response;
    try {
      response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw HostkeepException.retriable(
          "PowerDNS " + config.server() + ": " + method + " " + path + " failed: " + reason(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HostkeepException("interrupted while calling PowerDNS " + config.server(), e);
    }
    return new Answer(response.statusCode(), parse(response));
  }

  private static JsonNode parse(HttpResponse<String> response) {
    String text = response.body();
    if (text == null || text.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      // Not JSON (an HTML error page from a proxy, a plain-text message): keep it for the message.
      return JSON.getNodeFactory().objectNode().put("_text", text);
    }
  }

  private static String describeBody(JsonNode body) {
    if (body.has("_text")) {
      String text = body.get("_text").asText();
      boolean html = text.stripLeading().startsWith("<");
      String plain = text.replaceAll("(?s)<[^>]*>", " ").replaceAll("\\s+", " ").strip();
      return (html
              ? "with an HTML page, not PowerDNS JSON (a proxy or another web server?): "
              : "with text, not PowerDNS JSON: ")
          + ProviderHttp.shorten(plain, 200);
    }
    return body.isMissingNode() ? "with an empty body" : ProviderHttp.shorten(body.toString(), 200);
  }

  private static String hint(int status) {
    return switch (status) {
      case 401, 403 -> "; check api_key (the server's api-key setting)";
      case 404 -> "; check url and server_id";
      default -> "";
    };
  }

  private static String json(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON for PowerDNS", e);
    }
  }

  private static String reason(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /**
   * A {@code secondary} target on this PowerDNS: {@code primaries} (the primary's {@code ip[:port]}
   * entries it transfers from) and optionally {@code tsig_key}, the name of an {@code rfc2136}
   * provider whose key PowerDNS signs its transfers with.
   */
  @Override
  public SecondaryTarget secondaryTarget(ConfigObject target, Providers providers) {
    List<String> primaries = target.strings("primaries");
    if (primaries.isEmpty() && !target.reader().problems().hasErrors()) {
      target
          .reader()
          .problems()
          .error(
              target.position(),
              "'primaries' must list at least one ip[:port] in " + target.describe());
    }
    Optional<PowerDnsSecondary.Key> key =
        target
            .value("tsig_key", true)
            .flatMap(
                name -> providers.lookup(name, Rfc2136Client.class, "a TSIG key (type rfc2136)"))
            .map(
                client ->
                    new PowerDnsSecondary.Key(
                        client.config().keyName(),
                        client.config().algorithm(),
                        client.config().secret()));
    target.finish();
    return primaries.isEmpty() ? null : secondary(primaries, key);
  }
}
