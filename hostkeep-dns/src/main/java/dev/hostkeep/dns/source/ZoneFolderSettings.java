package dev.hostkeep.dns.source;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A BIND-style zone folder: one file per zone, named by {@code pattern}; with {@code check}, each
 * file is also loaded to confirm it is a zone a primary would serve.
 */
public record ZoneFolderSettings(Path folder, ZoneFilePattern pattern, boolean check) {
  public ZoneFolderSettings {
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(pattern, "pattern");
  }

  public static ZoneFolderSettings of(Path folder) {
    return new ZoneFolderSettings(folder, ZoneFilePattern.DEFAULT, false);
  }
}
