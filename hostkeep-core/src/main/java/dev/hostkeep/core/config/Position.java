package dev.hostkeep.core.config;

/**
 * Where a value stands in a config file, 1-based, printed the way editors jump to it.
 *
 * <p>{@code equals} and {@code hashCode} are written out: a record's generated ones are linked
 * through {@code invokedynamic} on first use, which the class cache cannot hold and which cost
 * every command that reads a config a few milliseconds.
 */
public record Position(String file, int line, int column) {
  @Override
  public boolean equals(Object other) {
    return other instanceof Position that
        && line == that.line
        && column == that.column
        && java.util.Objects.equals(file, that.file);
  }

  @Override
  public int hashCode() {
    return (java.util.Objects.hashCode(file) * 31 + line) * 31 + column;
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
