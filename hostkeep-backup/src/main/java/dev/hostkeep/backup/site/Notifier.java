package dev.hostkeep.backup.site;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
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
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells someone how a site's run went, so a failed night is noticed: a JSON POST to a webhook, a
 * plain-text e-mail through an SMTP server, and a healthchecks.io-style ping ({@code URL} on
 * success, {@code URL/fail} with the errors as body on failure; a missing ping is what such
 * services alert on). A notification that cannot be sent is logged; it never fails the backup.
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
    if (notify.email() != null && (!ok || notify.always())) {
      mail(site, notify.email(), ok, outcomes);
    }
  }

  /** Sends the report as a plain-text mail; a mail that cannot be sent is logged. */
  private static void mail(
      Site site, Notify.Email email, boolean ok, List<SiteBackup.Outcome> outcomes) {
    Properties properties = new Properties();
    String protocol = email.tls() == Notify.Tls.SSL ? "smtps" : "smtp";
    properties.put("mail.transport.protocol", protocol);
    String prefix = "mail." + protocol + ".";
    properties.put(prefix + "host", email.host());
    properties.put(prefix + "port", Integer.toString(email.port()));
    String millis = Long.toString(TIMEOUT.toMillis());
    properties.put(prefix + "connectiontimeout", millis);
    properties.put(prefix + "timeout", millis);
    properties.put(prefix + "writetimeout", millis);
    properties.put(prefix + "auth", Boolean.toString(email.user() != null));
    switch (email.tls()) {
      case AUTO -> properties.put(prefix + "starttls.enable", "true");
      case STARTTLS -> {
        properties.put(prefix + "starttls.enable", "true");
        properties.put(prefix + "starttls.required", "true");
      }
      case SSL, NONE -> {} // smtps is TLS from the start; none is plain
    }
    if (email.tls() != Notify.Tls.NONE) {
      properties.put(prefix + "ssl.checkserveridentity", "true");
    }
    long failed = outcomes.stream().filter(o -> !o.ok()).count();
    String subject =
        ok
            ? "hostkeep: " + site.name() + " backed up"
            : "hostkeep: " + site.name() + " FAILED (" + failed + " of " + outcomes.size() + ")";
    try {
      Session session = Session.getInstance(properties);
      MimeMessage message = new MimeMessage(session);
      message.setFrom(new InternetAddress(email.from(), true));
      message.setRecipients(
          Message.RecipientType.TO, InternetAddress.parse(String.join(",", email.to()), true));
      message.setSubject(subject, "UTF-8");
      message.setSentDate(new java.util.Date());
      message.setHeader("Auto-Submitted", "auto-generated");
      message.setText(
          "Site " + site.name() + " on " + site.host() + ":\n\n" + text(outcomes), "UTF-8");
      if (email.user() != null) {
        Transport.send(message, email.user(), email.password().reveal());
      } else {
        Transport.send(message);
      }
    } catch (MessagingException e) {
      String why =
          e instanceof jakarta.mail.AuthenticationFailedException
              ? "the server refused the login of " + email.user()
              : e.getMessage() == null || e.getMessage().isBlank()
                  ? e.getClass().getSimpleName()
                  : e.getMessage().strip();
      LOG.warn(
          "site {}: could not e-mail {} through {}:{}: {}",
          site.name(),
          String.join(", ", email.to()),
          email.host(),
          email.port(),
          why);
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
    } catch (IllegalArgumentException e) {
      LOG.warn(
          "site {}: could not notify {}: the HTTP client refuses its URL", site.name(), host(url));
    } catch (IOException e) {
      LOG.warn("site {}: could not notify {}: {}", site.name(), host(url), scrubbed(e, url));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code e}'s message without {@code url} in it, should the HTTP client have put it there. */
  private static String scrubbed(IOException e, String url) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    return message.replace(url, String.valueOf(host(url)));
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
      text.append(
          o.ok() ? "ok, snapshot " + SiteBackup.shortName(o.snapshot()) : "FAILED: " + o.error());
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
