package dev.hostkeep.core;

/**
 * JSON string escaping as RFC 8259 asks and Jackson and Go write it (short escapes where there are
 * some, a backslash-u escape for other control characters), for the few places that write JSON text
 * by hand: the journal's one-statement insert, which a short command would otherwise load Jackson
 * for, and the redactor, which looks for secrets as encoders write them.
 */
public final class JsonText {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private JsonText() {}

  /** Appends {@code text} as a JSON string literal, or {@code null}. */
  public static void append(StringBuilder out, String text) {
    if (text == null) {
      out.append("null");
      return;
    }
    escape(out.append('"'), text, false).append('"');
  }

  /**
   * {@code text} escaped as inside a JSON string; {@code escapeSlash} writes {@code /} as {@code
   * \/}.
   */
  public static String escaped(String text, boolean escapeSlash) {
    return escape(new StringBuilder(text.length()), text, escapeSlash).toString();
  }

  private static StringBuilder escape(StringBuilder out, String text, boolean escapeSlash) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '/' -> out.append(escapeSlash ? "\\/" : "/");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) {
            out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
          } else {
            out.append(c);
          }
        }
      }
    }
    return out;
  }
}
