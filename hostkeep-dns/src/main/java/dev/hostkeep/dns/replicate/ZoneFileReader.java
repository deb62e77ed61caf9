package dev.hostkeep.dns.replicate;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.dns.InvalidZoneNameException;
import dev.hostkeep.dns.ZoneName;
import dev.hostkeep.dns.source.IgnoredFiles;
import dev.hostkeep.dns.source.ZoneFileCheck;
import dev.hostkeep.dns.source.ZoneFilePattern;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Zones read from zone files in one folder, named by a pattern such as {@code {zone}.db}. */
record ZoneFileReader(Path folder, ZoneFilePattern pattern) implements ZoneReader {
  @Override
  public String name() {
    return "zone files in " + folder;
  }

  @Override
  public ZoneContent read(String zone) {
    Path file = folder.resolve(pattern.prefix() + zone + pattern.suffix());
    if (!Files.isRegularFile(file)) {
      throw new HostkeepException(
          "zone " + zone + ": no zone file " + file + " (pattern " + pattern + ")");
    }
    return ZoneContent.of(zone, ZoneFileCheck.load(file, ZoneName.parse(zone)));
  }

  @Override
  public List<String> zones() {
    List<String> zones = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.sorted().toList()) {
        if (!Files.isRegularFile(file) || IgnoredFiles.ignored(file.getFileName().toString())) {
          continue;
        }
        pattern
            .zoneOf(file.getFileName().toString())
            .ifPresent(
                name -> {
                  try {
                    zones.add(ZoneName.parse(name).toString());
                  } catch (InvalidZoneNameException e) {
                    // not a zone file: a journal, an editor's backup, a README
                  }
                });
      }
    } catch (IOException e) {
      throw new HostkeepException("cannot list zone folder " + folder + ": " + e.getMessage(), e);
    }
    return zones;
  }
}
