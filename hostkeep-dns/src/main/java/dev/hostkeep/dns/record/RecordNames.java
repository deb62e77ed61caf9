package dev.hostkeep.dns.record;

import java.util.Locale;

/** Owner names as record stores exchange them: lower case, no trailing dot. */
public final class RecordNames {
  private RecordNames() {}

  /** {@code Office.Example.COM.} → {@code office.example.com}. */
  public static String normalise(String name) {
    String lower = name.strip().toLowerCase(Locale.ROOT);
    return lower.endsWith(".") && lower.length() > 1
        ? lower.substring(0, lower.length() - 1)
        : lower;
  }

  /**
   * The part of {@code name} below {@code zone}, as zone-relative APIs want it: {@code office} for
   * {@code office.example.com} in {@code example.com}, {@code @} for the apex.
   *
   * @throws IllegalArgumentException when {@code name} is not in {@code zone}
   */
  public static String relative(String name, String zone) {
    String n = normalise(name);
    String z = normalise(zone);
    if (n.equals(z)) {
      return "@";
    }
    if (!n.endsWith("." + z)) {
      throw new IllegalArgumentException(name + " is not in zone " + zone);
    }
    return n.substring(0, n.length() - z.length() - 1);
  }

  /** The inverse of {@link #relative}: {@code @} or empty is the apex. */
  public static String absolute(String relative, String zone) {
    String r = relative == null ? "" : relative.strip();
    if (r.isEmpty() || r.equals("@")) {
      return normalise(zone);
    }
    return normalise(r + "." + normalise(zone));
  }
}
