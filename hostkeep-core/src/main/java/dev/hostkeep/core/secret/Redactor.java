package dev.hostkeep.core.secret;

import dev.hostkeep.core.JsonText;
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

  /**
   * Remembers {@code value} as secret, with its JSON-escaped forms: Jackson leaves {@code /} as it
   * is, logback's JSON encoder writes it as {@code \/}.
   */
  public void register(String value) {
    if (value == null || value.length() < MIN_LENGTH) {
      return;
    }
    boolean added = secrets.add(value);
    added |= secrets.add(JsonText.escaped(value, false));
    added |= secrets.add(JsonText.escaped(value, true));
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
}
