package dev.hostkeep.backup.site;

/**
 * Where a site's outcome is reported: a {@code webhook} that gets a JSON POST on failure (or after
 * every run when {@code always}), and a healthchecks.io-style {@code ping} URL called after every
 * run ({@code URL/fail} on failure). Either may be null.
 */
public record Notify(String webhook, String ping, boolean always) {}
