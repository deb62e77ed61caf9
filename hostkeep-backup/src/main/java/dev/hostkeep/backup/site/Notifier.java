package dev.hostkeep.backup.site;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells someone how a site's run went, so a failed night is noticed: a JSON POST to a webhook, and
 * a healthchecks.io-style ping ({@code URL} on success, {@code URL/fail} with the errors as body on
 * failure; a missing ping is what such services alert on). A notification that cannot be sent is
 * logged; it never fails the backup.
 */
final class Notifier {
  private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpClient http; // made on the first notification: most runs send none

  private synchronized HttpClient http() {
    if (http == null) {
      http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }
    return http;
  }

  void site(Site site, List<SiteBackup.Outcome> outcomes) {
    Notify notify = site.notifications();
    if (notify == null || outcomes.isEmpty()) {
      return;
    }
    boolean ok = outcomes.stream().allMatch(SiteBackup.Outcome::ok);
    if (notify.ping() != null) {
      String url = ok ? notify.ping() : notify.ping().replaceAll("/+$", "") + "/fail";
      send(site, url, text(outcomes), "text/plain; charset=utf-8");
    }
    if (notify.webhook() != null && (!ok || notify.always())) {
      send(site, notify.webhook(), json(site, ok, outcomes), "application/json");
    }
  }

  private void send(Site site, String url, String body, String type) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(TIMEOUT)
              .header("Content-Type", type)
              .header("User-Agent", "hostkeep")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      HttpResponse<Void> response = http().send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 != 2) {
        LOG.warn(
            "site {}: the notification to {} was answered with HTTP {}",
            site.name(),
            host(url),
            response.statusCode());
      }
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn("site {}: could not notify {}: {}", site.name(), host(url), e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Only the host of a URL is logged: webhook URLs often carry a token in their path. */
  private static String host(String url) {
    try {
      return URI.create(url).getHost();
    } catch (IllegalArgumentException e) {
      return "(an invalid URL)";
    }
  }

  private static String text(List<SiteBackup.Outcome> outcomes) {
    StringBuilder text = new StringBuilder();
    for (SiteBackup.Outcome o : outcomes) {
      text.append(o.site()).append('/').append(o.part()).append(": ");
      text.append(o.ok() ? "ok, snapshot " + o.snapshot().substring(0, 8) : "FAILED: " + o.error());
      text.append('\n');
    }
    return text.toString();
  }

  private static String json(Site site, boolean ok, List<SiteBackup.Outcome> outcomes) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("site", site.name());
    body.put("host", site.host());
    body.put("ok", ok);
    List<Map<String, Object>> parts = new ArrayList<>();
    for (SiteBackup.Outcome o : outcomes) {
      Map<String, Object> part = new LinkedHashMap<>();
      part.put("part", o.part());
      part.put("ok", o.ok());
      part.put("snapshot", o.snapshot());
      part.put("size", o.size());
      part.put("added", o.added());
      part.put("seconds", o.took().toMillis() / 1000.0);
      part.put("error", o.error());
      part.put("warnings", o.warnings());
      parts.add(part);
    }
    body.put("parts", parts);
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
