package dev.hostkeep.dns.source;

import dev.hostkeep.core.HostkeepException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a named.conf file into words, quoted strings, braces and semicolons, skipping the three
 * comment styles BIND accepts ({@code //}, {@code #}, {@code /* ... *}{@code /}).
 */
final class NamedConfTokens {
  enum Kind {
    WORD,
    STRING,
    OPEN,
    CLOSE,
    SEMI,
  }

  record Token(Kind kind, String text, Path file, int line) {
    String where() {
      return file + " line " + line;
    }
  }

  private final Path file;
  private final String text;
  private final List<Token> tokens = new ArrayList<>();
  private int at;
  private int line = 1;

  private NamedConfTokens(Path file, String text) {
    this.file = file;
    this.text = text;
  }

  static List<Token> tokenize(Path file, String text) {
    NamedConfTokens tokenizer = new NamedConfTokens(file, text);
    tokenizer.run();
    return tokenizer.tokens;
  }

  private void run() {
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c == '\n') {
        line++;
        at++;
      } else if (Character.isWhitespace(c)) {
        at++;
      } else if (c == '#' || text.startsWith("//", at)) {
        while (at < text.length() && text.charAt(at) != '\n') {
          at++;
        }
      } else if (text.startsWith("/*", at)) {
        blockComment();
      } else if (c == '"') {
        string();
      } else if (c == '{' || c == '}' || c == ';') {
        Kind kind = c == '{' ? Kind.OPEN : c == '}' ? Kind.CLOSE : Kind.SEMI;
        tokens.add(new Token(kind, String.valueOf(c), file, line));
        at++;
      } else {
        word();
      }
    }
  }

  private void blockComment() {
    int start = line;
    int end = text.indexOf("*/", at + 2);
    if (end < 0) {
      throw syntax(start, "a /* comment is never closed");
    }
    line += (int) text.substring(at, end).chars().filter(ch -> ch == '\n').count();
    at = end + 2;
  }

  private void string() {
    int start = line;
    StringBuilder value = new StringBuilder();
    at++;
    while (at < text.length() && text.charAt(at) != '"') {
      char c = text.charAt(at);
      if (c == '\\' && at + 1 < text.length()) {
        c = text.charAt(++at);
      }
      if (c == '\n') {
        line++;
      }
      value.append(c);
      at++;
    }
    if (at >= text.length()) {
      throw syntax(start, "a quoted string is never closed");
    }
    at++;
    tokens.add(new Token(Kind.STRING, value.toString(), file, start));
  }

  private void word() {
    int start = at;
    while (at < text.length()) {
      char c = text.charAt(at);
      if (Character.isWhitespace(c)
          || "{};\"#".indexOf(c) >= 0
          || text.startsWith("//", at)
          || text.startsWith("/*", at)) {
        break;
      }
      at++;
    }
    tokens.add(new Token(Kind.WORD, text.substring(start, at), file, line));
  }

  static HostkeepException syntax(Path file, int line, String message) {
    return new HostkeepException(
        file + " line " + line + ": " + message + "; named-checkconf shows what BIND makes of it");
  }

  private HostkeepException syntax(int at, String message) {
    return syntax(file, at, message);
  }
}
