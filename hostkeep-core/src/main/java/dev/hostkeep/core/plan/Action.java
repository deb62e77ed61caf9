package dev.hostkeep.core.plan;

/** What a change does to one resource of a target. */
public enum Action {
  CREATE("+"),
  UPDATE("~"),
  DELETE("-");

  private final String symbol;

  Action(String symbol) {
    this.symbol = symbol;
  }

  /** The one-character mark plans print: {@code +}, {@code ~}, {@code -}. */
  public String symbol() {
    return symbol;
  }
}
