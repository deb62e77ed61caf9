package dev.hostkeep.core.secret;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Knows every secret value this process has read and replaces it with {@code ****} in any text: log
 * lines (the logging encoder runs every line through it), error messages and rendered config.
 * Values shorter than {@value #MIN_LENGTH} characters are too short to hide without mangling
 * ordinary text; such a credential is refused by the provider long before it matters.
 */
public final class Redactor {
  static final int MIN_LENGTH = 4;

  private final Set<String> secrets = ConcurrentHashMap.newKeySet();
  private volatile List<String> longestFirst = List.of();

  /** Remembers {@code value} (and its JSON-escaped form) as secret. */
  public void register(String value) {
    if (value == null || value.length() < MIN_LENGTH) {
      return;
    }
    boolean added = secrets.add(value);
    String escaped = jsonEscaped(value);
    if (!escaped.equals(value)) {
      added |= secrets.add(escaped);
    }
    if (added) {
      longestFirst =
          secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }
  }

  /** {@code text} with every known secret replaced by {@code ****}. */
  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String secret : longestFirst) {
      if (result.contains(secret)) {
        result = result.replace(secret, Secret.MASK);
      }
    }
    return result;
  }

  public boolean isEmpty() {
    return secrets.isEmpty();
  }

  private static String jsonEscaped(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
