package dev.hostkeep.backup.repo;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * File names as restic stores them, and as Linux has them: any bytes but {@code /} and NUL, not
 * necessarily UTF-8.
 *
 * <p>In memory a name is a Java string; a byte that is not part of valid UTF-8 is held as the lone
 * surrogate {@code U+DC00 + byte} (Python's "surrogateescape"), so every name round-trips exactly.
 * In a tree, restic writes a name through Go's {@code strconv.Quote} without the outer quotes (so a
 * newline is {@code \n}, a quote {@code \"}, a stray byte {@code \xe9}) and reads it back with
 * {@code strconv.Unquote}; {@link #quote} and {@link #unquote} do exactly that, so restic reads
 * hostkeep's trees and hostkeep reads restic's.
 */
public final class FileNames {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final char REPLACEMENT = '\uFFFD';

  private FileNames() {}

  /** The name of the last element of {@code path}, exact even when it is not UTF-8. */
  public static String name(Path path) {
    Path last = path.getFileName();
    String shown = last == null ? "" : last.toString();
    if (shown.indexOf(REPLACEMENT) < 0) {
      return shown;
    }
    // The JDK shows undecodable bytes as U+FFFD but keeps the bytes; its file: URI has them all.
    String raw = path.toAbsolutePath().toUri().getRawPath();
    if (raw.endsWith("/")) {
      raw = raw.substring(0, raw.length() - 1);
    }
    return decode(percentDecode(raw.substring(raw.lastIndexOf('/') + 1)));
  }

  /** {@code dir/name}, where {@code name} may hold bytes that are not UTF-8. */
  public static Path resolve(Path dir, String name) {
    if (!hasRawBytes(name)) {
      return dir.resolve(name);
    }
    String base = dir.toAbsolutePath().toUri().getRawPath();
    if (!base.endsWith("/")) {
      base += "/";
    }
    return Path.of(URI.create("file://" + base + percentEncode(bytes(name))));
  }

  /** Whether {@code name} holds a byte that is not UTF-8. */
  public static boolean hasRawBytes(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < name.length()
            && Character.isLowSurrogate(name.charAt(i + 1))) {
          i++;
        } else {
          return true;
        }
      }
    }
    return false;
  }

  /** The name for people: stray bytes shown as {@code \xe9}. */
  public static String display(String name) {
    if (!hasRawBytes(name)) {
      return name;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c >= 0xDC80 && c <= 0xDCFF && !pairedLow(name, i)) {
        int b = c - 0xDC00;
        out.append("\\x").append(HEX[b >> 4]).append(HEX[b & 15]);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The name's bytes on disk. */
  public static byte[] bytes(String name) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(name.length() + 8);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < name.length()
          && Character.isLowSurrogate(name.charAt(i + 1))) {
        appendUtf8(out, Character.toCodePoint(c, name.charAt(i + 1)));
        i++;
      } else if (c >= 0xDC80 && c <= 0xDCFF) {
        out.write(c - 0xDC00);
      } else {
        appendUtf8(out, c);
      }
    }
    return out.toByteArray();
  }

  /** Bytes as a name: valid UTF-8 decoded, every other byte kept as {@code U+DC00 + byte}. */
  public static String decode(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length);
    int i = 0;
    while (i < bytes.length) {
      int length = validSequence(bytes, i);
      if (length == 0) {
        out.append((char) (0xDC00 + (bytes[i] & 0xff)));
        i++;
      } else {
        out.append(new String(bytes, i, length, StandardCharsets.UTF_8));
        i += length;
      }
    }
    return out.toString();
  }

  /** Go's {@code strconv.Quote(name)} without its outer quotes: what restic stores. */
  public static String quote(String name) {
    byte[] bytes = bytes(name);
    StringBuilder out = new StringBuilder(bytes.length + 8);
    int i = 0;
    while (i < bytes.length) {
      int length = validSequence(bytes, i);
      if (length == 0) {
        int b = bytes[i] & 0xff;
        out.append("\\x").append(HEX[b >> 4]).append(HEX[b & 15]);
        i++;
        continue;
      }
      int rune = new String(bytes, i, length, StandardCharsets.UTF_8).codePointAt(0);
      i += length;
      if (rune == '"' || rune == '\\') {
        out.append('\\').append((char) rune);
      } else if (printable(rune)) {
        out.appendCodePoint(rune);
      } else {
        switch (rune) {
          case 0x07 -> out.append("\\a");
          case '\b' -> out.append("\\b");
          case '\f' -> out.append("\\f");
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          case 0x0b -> out.append("\\v");
          default -> {
            if (rune < ' ' || rune == 0x7f) {
              out.append("\\x").append(HEX[rune >> 4]).append(HEX[rune & 15]);
            } else if (rune < 0x10000) {
              out.append("\\u");
              hex(out, rune, 4);
            } else {
              out.append("\\U");
              hex(out, rune, 8);
            }
          }
        }
      }
    }
    return out.toString();
  }

  /**
   * Go's {@code strconv.Unquote} of {@code "stored"}: the name a tree's {@code name} field means.
   *
   * @throws IllegalArgumentException for an escape Go would refuse
   */
  public static String unquote(String stored) {
    if (stored.indexOf('\\') < 0) {
      return stored;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(stored.length());
    int i = 0;
    while (i < stored.length()) {
      char c = stored.charAt(i);
      if (c != '\\') {
        int end = i + 1;
        while (end < stored.length() && stored.charAt(end) != '\\') {
          end++;
        }
        byte[] plain = bytes(stored.substring(i, end));
        out.write(plain, 0, plain.length);
        i = end;
        continue;
      }
      if (i + 1 >= stored.length()) {
        throw invalid(stored);
      }
      char escape = stored.charAt(i + 1);
      i += 2;
      switch (escape) {
        case 'a' -> out.write(0x07);
        case 'b' -> out.write('\b');
        case 'f' -> out.write('\f');
        case 'n' -> out.write('\n');
        case 'r' -> out.write('\r');
        case 't' -> out.write('\t');
        case 'v' -> out.write(0x0b);
        case '\\' -> out.write('\\');
        case '"' -> out.write('"');
        case 'x' -> {
          out.write(parseHex(stored, i, 2));
          i += 2;
        }
        case 'u', 'U' -> {
          int digits = escape == 'u' ? 4 : 8;
          int rune = parseHex(stored, i, digits);
          if (rune > Character.MAX_CODE_POINT || (rune >= 0xD800 && rune <= 0xDFFF)) {
            throw invalid(stored);
          }
          appendUtf8(out, rune);
          i += digits;
        }
        case '0', '1', '2', '3', '4', '5', '6', '7' -> {
          if (i + 2 > stored.length()) {
            throw invalid(stored);
          }
          int value = Integer.parseInt(stored.substring(i - 1, i + 2), 8);
          if (value > 255) {
            throw invalid(stored);
          }
          out.write(value);
          i += 2;
        }
        default -> throw invalid(stored);
      }
    }
    return decode(out.toByteArray());
  }

  /** Go's {@code strconv.IsPrint}: letters, marks, numbers, punctuation, symbols, ASCII space. */
  static boolean printable(int rune) {
    if (rune == ' ') {
      return true;
    }
    return switch (Character.getType(rune)) {
      case Character.UPPERCASE_LETTER,
          Character.LOWERCASE_LETTER,
          Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER,
          Character.OTHER_LETTER,
          Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK,
          Character.COMBINING_SPACING_MARK,
          Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER,
          Character.OTHER_NUMBER,
          Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION,
          Character.START_PUNCTUATION,
          Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION,
          Character.MATH_SYMBOL,
          Character.CURRENCY_SYMBOL,
          Character.MODIFIER_SYMBOL,
          Character.OTHER_SYMBOL ->
          true;
      default -> false;
    };
  }

  /** The length of the valid UTF-8 sequence at {@code i}, or 0 when the byte there starts none. */
  private static int validSequence(byte[] bytes, int i) {
    int b0 = bytes[i] & 0xff;
    if (b0 < 0x80) {
      return 1;
    }
    int length;
    int min;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      length = 2;
      min = 0x80;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      length = 3;
      min = 0x800;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      length = 4;
      min = 0x10000;
    } else {
      return 0;
    }
    if (i + length > bytes.length) {
      return 0;
    }
    int rune = b0 & (0xff >> (length + 1));
    for (int k = 1; k < length; k++) {
      int b = bytes[i + k] & 0xff;
      if ((b & 0xC0) != 0x80) {
        return 0;
      }
      rune = (rune << 6) | (b & 0x3f);
    }
    if (rune < min || rune > Character.MAX_CODE_POINT || (rune >= 0xD800 && rune <= 0xDFFF)) {
      return 0;
    }
    return length;
  }

  private static boolean pairedLow(String name, int i) {
    return i > 0 && Character.isHighSurrogate(name.charAt(i - 1));
  }

  private static void appendUtf8(ByteArrayOutputStream out, int rune) {
    byte[] encoded = new String(Character.toChars(rune)).getBytes(StandardCharsets.UTF_8);
    out.write(encoded, 0, encoded.length);
  }

  private static void hex(StringBuilder out, int value, int digits) {
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
      out.append(HEX[(value >> shift) & 15]);
    }
  }

  private static int parseHex(String text, int at, int digits) {
    if (at + digits > text.length()) {
      throw invalid(text);
    }
    try {
      return Integer.parseUnsignedInt(text.substring(at, at + digits), 16);
    } catch (NumberFormatException e) {
      throw invalid(text);
    }
  }

  private static IllegalArgumentException invalid(String stored) {
    return new IllegalArgumentException("a file name in a tree is not Go-quoted: " + stored);
  }

  /** Writes a node's name as restic does, Go-quoted. */
  static final class QuotedSerializer extends StdSerializer<String> {
    QuotedSerializer() {
      super(String.class);
    }

    @Override
    public void serialize(String name, JsonGenerator out, SerializerProvider provider)
        throws IOException {
      out.writeString(quote(name));
    }
  }

  /** Reads a node's name as restic does, Go-unquoted. */
  static final class QuotedDeserializer extends StdDeserializer<String> {
    QuotedDeserializer() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser in, DeserializationContext context) throws IOException {
      try {
        return unquote(in.getValueAsString());
      } catch (IllegalArgumentException e) {
        throw JsonMappingException.from(in, e.getMessage(), e);
      }
    }
  }

  private static byte[] percentDecode(String raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%' && i + 2 < raw.length()) {
        out.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.write(c);
      }
    }
    return out.toByteArray();
  }

  private static String percentEncode(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length * 3);
    for (byte value : bytes) {
      int b = value & 0xff;
      boolean unreserved =
          (b >= 'a' && b <= 'z')
              || (b >= 'A' && b <= 'Z')
              || (b >= '0' && b <= '9')
              || b == '-'
              || b == '.'
              || b == '_'
              || b == '~';
      if (unreserved) {
        out.append((char) b);
      } else {
        out.append('%')
            .append(Character.toUpperCase(HEX[b >> 4]))
            .append(Character.toUpperCase(HEX[b & 15]));
      }
    }
    return out.toString();
  }
}
