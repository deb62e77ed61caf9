package dev.hostkeep.dns.source;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Files that live beside zone files but never are one: BIND's journals and signed copies, DNSSEC
 * key files, editor swap and backup files, temp files and dot-files. The seed took {@code
 * example.com.db.jnl} for a zone; these are skipped before the pattern is even tried.
 */
final class IgnoredFiles {
  private static final List<String> SUFFIXES =
      List.of(
          ".jnl",
          ".jbk",
          ".signed",
          ".mkeys",
          "~",
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

  static boolean ignored(String fileName) {
    if (fileName.startsWith(".") || fileName.startsWith("#") && fileName.endsWith("#")) {
      return true;
    }
    for (String suffix : SUFFIXES) {
      if (fileName.endsWith(suffix)) {
        return true;
      }
    }
    return DNSSEC_KEY.matcher(fileName).matches();
  }
}
