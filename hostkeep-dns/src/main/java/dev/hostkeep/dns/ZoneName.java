package dev.hostkeep.dns;

import java.net.IDN;
import java.util.List;
import java.util.Locale;

/**
 * A zone name in the one form hostkeep compares and sends: lower case, ASCII (internationalised
 * labels as punycode), no trailing dot, e.g. {@code xn--bcher-kva.example} for {@code
 * Bücher.Example.}.
 *
 * <p>Labels hold letters, digits, {@code -} (not first or last) and {@code _} (service zones such
 * as {@code _dmarc.example.com}); they are 1 to 63 octets long and the whole name at most 253.
 * Wildcards, spaces, empty labels and the root zone are refused. Unicode labels go through {@link
 * IDN#toASCII} (IDNA 2003, so {@code ß} becomes {@code ss}).
 */
public final class ZoneName implements Comparable<ZoneName> {
  private static final int MAX_LABEL = 63;
  private static final int MAX_NAME = 253;

  private final String name;

  private ZoneName(String name) {
    this.name = name;
  }

  /** Normalises and validates {@code input}; throws {@link InvalidZoneNameException} saying why. */
  public static ZoneName parse(String input) {
    if (input == null) {
      throw new InvalidZoneNameException("null", "no name given");
    }
    if (isNormal(input)) {
      return new ZoneName(input);
    }
    String text =
        input.strip().replace('\u3002', '.').replace('\uff0e', '.').replace('\uff61', '.');
    if (text.isEmpty()) {
      throw new InvalidZoneNameException(input, "the name is empty");
    }
    if (text.equals(".")) {
      throw new InvalidZoneNameException(input, "the root zone cannot be provisioned");
    }
    if (text.endsWith(".")) {
      text = text.substring(0, text.length() - 1);
    }
    StringBuilder out = new StringBuilder(text.length());
    for (String label : text.split("\\.", -1)) {
      if (!out.isEmpty()) {
        out.append('.');
      }
      out.append(label(input, label));
    }
    if (out.length() > MAX_NAME) {
      throw new InvalidZoneNameException(
          input, "the name is " + out.length() + " characters long, at most " + MAX_NAME + " fit");
    }
    return new ZoneName(out.toString());
  }

  /**
   * Whether {@code text} is already in normal form, checked in one pass: a zone folder of 10,000
   * files names them this way, and the full check costs several times more.
   */
  private static boolean isNormal(String text) {
    int length = text.length();
    if (length == 0 || length > MAX_NAME) {
      return false;
    }
    int start = 0;
    for (int i = 0; i <= length; i++) {
      char c = i < length ? text.charAt(i) : '.';
      if (c == '.') {
        if (i == start
            || i - start > MAX_LABEL
            || text.charAt(start) == '-'
            || text.charAt(i - 1) == '-') {
          return false;
        }
        start = i + 1;
      } else if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
        return false;
      }
    }
    return true;
  }

  private static String label(String input, String label) {
    if (label.isEmpty()) {
      throw new InvalidZoneNameException(input, "it has an empty label (two dots in a row?)");
    }
    if (label.equals("*")) {
      throw new InvalidZoneNameException(input, "a wildcard '*' cannot name a zone");
    }
    String ascii = label.toLowerCase(Locale.ROOT);
    if (!ascii.chars().allMatch(c -> c < 0x80)) {
      try {
        ascii = IDN.toASCII(label, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
      } catch (IllegalArgumentException e) {
        throw new InvalidZoneNameException(
            input,
            "label '" + label + "' is not a valid internationalised name: " + e.getMessage());
      }
    }
    for (int i = 0; i < ascii.length(); i++) {
      char c = ascii.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
        throw new InvalidZoneNameException(
            input,
            "label '"
                + label
                + "' contains "
                + describe(c)
                + " (only letters, digits, '-' and '_' are allowed)");
      }
    }
    if (ascii.startsWith("-") || ascii.endsWith("-")) {
      throw new InvalidZoneNameException(input, "label '" + label + "' starts or ends with '-'");
    }
    if (ascii.length() > MAX_LABEL) {
      throw new InvalidZoneNameException(
          input, "label '" + label + "' is " + ascii.length() + " characters long, at most 63 fit");
    }
    return ascii;
  }

  private static String describe(char c) {
    return switch (c) {
      case ' ' -> "a space";
      case '\t' -> "a tab";
      default ->
          Character.isISOControl(c)
              ? String.format("control character U+%04X", (int) c)
              : "'" + c + "'";
    };
  }

  /** The name with its trailing dot, as zone files and DNS messages write it. */
  public String fqdn() {
    return name + ".";
  }

  /** The labels from left to right, e.g. {@code [www, example, com]}. */
  public List<String> labels() {
    return List.of(name.split("\\."));
  }

  /** The normalised name without a trailing dot. */
  @Override
  public String toString() {
    return name;
  }

  @Override
  public int compareTo(ZoneName other) {
    return name.compareTo(other.name);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ZoneName zone && zone.name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }
}
