package dev.hostkeep.dns.provider.ovh;

import dev.hostkeep.core.ExitCode;
import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.dns.provider.ProviderHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * dyndns2 updates to OVH's DynHost: {@code GET <endpoint>?system=dyndns&hostname=&myip=} with the
 * DynHost login as HTTP Basic auth. {@code good <ip>} and {@code nochg <ip>} are success; {@code
 * 911}, {@code dnserr}, 5xx, 429 and network failures are retriable; {@code badauth}, {@code
 * nohost}, {@code notfqdn}, {@code abuse} and {@code badagent} are not, and each says what to do.
 * Messages name the username, never the password.
 */
final class DynHostClient {
  private final DynHostSettings settings;
  private final Clock clock;
  private final Supplier<HttpClient> http;

  DynHostClient(DynHostSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.http = ProviderHttp.client(settings.timeout());
  }

  /** Points {@code hostname} at {@code ip}; returns OVH's answer ({@code good 203.0.113.7}). */
  String update(String hostname, String ip) {
    String query =
        "?system=dyndns&hostname="
            + ProviderHttp.segment(hostname)
            + "&myip="
            + ProviderHttp.segment(ip);
    String call = "OVH DynHost GET " + settings.endpoint() + query;
    String login = settings.username() + ":" + settings.password().reveal();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(settings.endpoint() + query))
            .timeout(settings.timeout())
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)))
            .header("User-Agent", "hostkeep")
            .GET()
            .build();
    return read(call, hostname, ProviderHttp.send(http, request, call, ""));
  }

  private String read(String call, String hostname, HttpResponse<String> response) {
    int status = response.statusCode();
    String text = ProviderHttp.text(response).strip();
    if (status == 429) {
      throw HostkeepException.throttled(
          call + ": 429 too many requests; slowing down", OvhClient.retryAfter(response, clock));
    }
    String type = response.headers().firstValue("Content-Type").orElse("");
    if (type.contains("html") || text.startsWith("<")) {
      throw new HostkeepException(
          ExitCode.FAILURE,
          status >= 500,
          call
              + ": "
              + status
              + " answered an HTML page, not a dyndns2 answer: '"
              + ProviderHttp.excerpt(text)
              + "'; is the endpoint OVH's DynHost update URL such as "
              + DynHostSettings.DEFAULT_ENDPOINT
              + "?",
          null);
    }
    String code = text.isEmpty() ? "" : text.split("\\s+")[0].toLowerCase(Locale.ROOT);
    if (status == 401 || code.equals("badauth")) {
      throw new HostkeepException(
          call
              + ": "
              + status
              + " badauth: OVH refused the DynHost login '"
              + settings.username()
              + "'; check username and password (the login made in the zone's DynHost tab,"
              + " not the OVH account's)");
    }
    if (status >= 200 && status < 300 && (code.equals("good") || code.equals("nochg"))) {
      return text;
    }
    boolean retriable = status >= 500 || code.equals("911") || code.equals("dnserr");
    String said = text.isEmpty() ? "an empty answer" : "'" + ProviderHttp.excerpt(text) + "'";
    throw new HostkeepException(
        ExitCode.FAILURE,
        retriable,
        call + ": " + status + " " + said + hint(code, hostname),
        null);
  }

  private String hint(String code, String hostname) {
    return switch (code) {
      case "nohost" ->
          "; "
              + hostname
              + " is not a DynHost record the login '"
              + settings.username()
              + "' may update: create it in the zone's DynHost tab, or widen the login's"
              + " subdomain";
      case "notfqdn" -> "; " + hostname + " is not a fully qualified name";
      case "abuse" -> "; OVH blocked updates for being too frequent: wait, then update less often";
      case "badagent" -> "; OVH refused the request's user agent";
      case "911", "dnserr" -> "; OVH's DynHost has trouble, try again later";
      default -> "";
    };
  }
}
