package dev.hostkeep.core.config;

/** One thing wrong (or worth a warning) in the config, with where it is. */
public record Problem(Severity severity, Position position, String message) {
  public enum Severity {
    ERROR,
    WARNING
  }

  @Override
  public String toString() {
    String where = position == null ? "" : position + ": ";
    return where + (severity == Severity.WARNING ? "warning: " : "") + message;
  }
}
