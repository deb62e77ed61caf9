package dev.hostkeep.backup.site;

import dev.hostkeep.core.secret.Secret;
import java.util.List;

/**
 * Where a site's outcome is reported: a {@code webhook} that gets a JSON POST and an {@code email}
 * on failure (or after every run when {@code always}), and a healthchecks.io-style {@code ping} URL
 * called after every run ({@code URL/fail} on failure). Any may be null.
 */
public record Notify(String webhook, String ping, Email email, boolean always) {

  /** How a mail server is spoken to. */
  public enum Tls {
    /** STARTTLS when the server offers it (the default). */
    AUTO,
    /** STARTTLS, and refuse to send without it. */
    STARTTLS,
    /** TLS from the first byte (SMTPS, usually port 465). */
    SSL,
    /** Plain SMTP, for a relay on this host. */
    NONE
  }

  /**
   * An e-mail report through an SMTP server.
   *
   * @param user the SMTP login, or null to send without one
   * @param password the login's password, or null
   */
  public record Email(
      List<String> to, String from, String host, int port, Tls tls, String user, Secret password) {
    public Email {
      to = List.copyOf(to);
    }
  }
}
