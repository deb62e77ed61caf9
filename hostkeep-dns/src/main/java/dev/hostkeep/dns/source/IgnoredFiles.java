package dev.hostkeep.dns.source;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Files that live beside zone files but never are one: BIND's journals and signed copies, DNSSEC
 * key files, editor swap and backup files, temp files and dot-files. The seed took {@code
 * example.com.db.jnl} for a zone; these are skipped before the pattern is even tried.
 */
public final class IgnoredFiles {
  /** Each starts with its only dot, so a name ends with one exactly when its last dot starts it. */
  private static final Set<String> SUFFIXES =
      Set.of(
          ".jnl",
          ".jbk",
          ".signed",
          ".mkeys",
          ".swp",
          ".swo",
          ".swx",
          ".tmp",
          ".temp",
          ".bak",
          ".orig",
          ".rej",
          ".old",
          ".dpkg-old",
          ".dpkg-new",
          ".dpkg-dist",
          ".rpmnew",
          ".rpmsave");

  private static final Pattern DNSSEC_KEY =
      Pattern.compile("K.+\\+\\d{3}\\+\\d{5}\\.(key|private|state)");

  private IgnoredFiles() {}

  public static boolean ignored(String fileName) {
    if (fileName.startsWith(".") || fileName.startsWith("#") && fileName.endsWith("#")) {
      return true;
    }
    if (fileName.endsWith("~")) {
      return true;
    }
    int dot = fileName.lastIndexOf('.');
    if (dot >= 0 && SUFFIXES.contains(fileName.substring(dot))) {
      return true;
    }
    return fileName.startsWith("K") && DNSSEC_KEY.matcher(fileName).matches();
  }
}
