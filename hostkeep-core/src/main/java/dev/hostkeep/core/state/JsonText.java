package dev.hostkeep.core.state;

/**
 * JSON string literals for the journal's one-statement insert (see {@link Dialect#jsonStrings}):
 * the quote, the backslash and control characters escaped as RFC 8259 requires, everything else as
 * it is. Written here rather than taken from Jackson, which a short command would otherwise load
 * only for this.
 */
final class JsonText {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private JsonText() {}

  /** Appends {@code text} as a JSON string, or {@code null}. */
  static void append(StringBuilder out, String text) {
    if (text == null) {
      out.append("null");
      return;
    }
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }
}
