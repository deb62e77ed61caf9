package dev.hostkeep.dns.source;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A BIND configuration: the zones of type primary (master) it declares, across its includes and
 * views; with {@code includeSecondary}, its secondary (slave) zones too.
 */
public record NamedConfSettings(Path file, boolean includeSecondary) {
  public NamedConfSettings {
    Objects.requireNonNull(file, "file");
  }

  public static NamedConfSettings of(Path file) {
    return new NamedConfSettings(file, false);
  }
}
