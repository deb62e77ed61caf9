package dev.hostkeep.dns.source;

import dev.hostkeep.dns.source.NamedConfTokens.Kind;
import dev.hostkeep.dns.source.NamedConfTokens.Token;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * named.conf's shape without its meaning: a statement is words, strings and blocks up to a {@code
 * ;}, and a block holds statements. That one rule covers {@code zone}, {@code view}, {@code
 * options}, {@code controls} and every other statement, so unknown ones are skipped safely.
 */
final class NamedConfStatements {
  /** One statement; {@code items} holds {@link Token}s and nested {@link Block}s in order. */
  record Statement(Token first, List<Object> items) {
    String keyword() {
      return first.kind() == Kind.WORD ? first.text() : "";
    }

    /** The words and strings before the first block. */
    List<Token> head() {
      List<Token> head = new ArrayList<>();
      for (Object item : items) {
        if (!(item instanceof Token token)) {
          break;
        }
        head.add(token);
      }
      return head;
    }

    Block block() {
      for (Object item : items) {
        if (item instanceof Block block) {
          return block;
        }
      }
      return null;
    }
  }

  record Block(List<Statement> statements) {}

  private final Path file;
  private final List<Token> tokens;
  private int at;

  private NamedConfStatements(Path file, List<Token> tokens) {
    this.file = file;
    this.tokens = tokens;
  }

  static List<Statement> parse(Path file, String text) {
    NamedConfStatements parser =
        new NamedConfStatements(file, NamedConfTokens.tokenize(file, text));
    return parser.statements(null);
  }

  private List<Statement> statements(Token open) {
    List<Statement> out = new ArrayList<>();
    while (at < tokens.size()) {
      Token token = tokens.get(at);
      if (token.kind() == Kind.CLOSE) {
        if (open == null) {
          throw NamedConfTokens.syntax(file, token.line(), "'}' without a matching '{'");
        }
        at++;
        return out;
      }
      if (token.kind() == Kind.SEMI) {
        at++;
        continue;
      }
      out.add(statement());
    }
    if (open != null) {
      throw NamedConfTokens.syntax(file, open.line(), "'{' is never closed");
    }
    return out;
  }

  private Statement statement() {
    Token first = tokens.get(at);
    List<Object> items = new ArrayList<>();
    while (at < tokens.size()) {
      Token token = tokens.get(at);
      switch (token.kind()) {
        case SEMI -> {
          at++;
          return new Statement(first, items);
        }
        case OPEN -> {
          at++;
          items.add(new Block(statements(token)));
        }
        case CLOSE -> {
          throw NamedConfTokens.syntax(
              file, first.line(), "the statement '" + first.text() + "' is missing its ';'");
        }
        default -> {
          items.add(token);
          at++;
        }
      }
    }
    throw NamedConfTokens.syntax(
        file, first.line(), "the statement '" + first.text() + "' is missing its ';'");
  }
}
