package dev.hostkeep.core.config;

/** Where a value stands in a config file, 1-based, printed the way editors jump to it. */
public record Position(String file, int line, int column) {
  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
