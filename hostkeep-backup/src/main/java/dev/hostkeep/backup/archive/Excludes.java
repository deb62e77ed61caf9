package dev.hostkeep.backup.archive;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * What a backup leaves out, with restic's rules: a pattern with a {@code /} matches the whole
 * absolute path, one without matches any single name; {@code caches} skips folders holding a {@code
 * CACHEDIR.TAG}; {@code oneFileSystem} does not descend into other mounted filesystems.
 */
public record Excludes(List<String> patterns, boolean caches, boolean oneFileSystem) {
  public static final Excludes NONE = new Excludes(List.of(), false, false);
  private static final String CACHEDIR_SIGNATURE = "Signature: 8a477f597d28d172789f06886806bc55";

  /** Patterns from an exclude file: one per line, blank lines and {@code #} comments ignored. */
  public static List<String> readFile(Path file) throws IOException {
    List<String> patterns = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      String trimmed = line.strip();
      if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
        patterns.add(trimmed);
      }
    }
    return patterns;
  }

  Matcher matcher() {
    List<PathMatcher> full = new ArrayList<>();
    List<PathMatcher> names = new ArrayList<>();
    for (String pattern : patterns) {
      String glob = pattern.endsWith("/") ? pattern.substring(0, pattern.length() - 1) : pattern;
      PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
      (glob.contains("/") ? full : names).add(m);
    }
    return new Matcher(full, names, caches);
  }

  /** The compiled patterns. */
  record Matcher(List<PathMatcher> full, List<PathMatcher> names, boolean caches) {
    boolean excluded(Path path) {
      for (PathMatcher m : full) {
        if (m.matches(path)) {
          return true;
        }
      }
      Path name = path.getFileName();
      if (name != null) {
        for (PathMatcher m : names) {
          if (m.matches(name)) {
            return true;
          }
        }
      }
      return false;
    }

    boolean cacheDir(Path dir) {
      if (!caches) {
        return false;
      }
      Path tag = dir.resolve("CACHEDIR.TAG");
      try {
        if (!Files.isRegularFile(tag)) {
          return false;
        }
        byte[] head = new byte[CACHEDIR_SIGNATURE.length()];
        try (var in = Files.newInputStream(tag)) {
          return in.readNBytes(head, 0, head.length) == head.length
              && new String(head, java.nio.charset.StandardCharsets.US_ASCII)
                  .equals(CACHEDIR_SIGNATURE);
        }
      } catch (IOException e) {
        return false;
      }
    }
  }
}
