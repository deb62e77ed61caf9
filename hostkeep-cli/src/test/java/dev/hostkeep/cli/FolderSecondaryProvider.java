package dev.hostkeep.cli;

import dev.hostkeep.core.capability.ProviderType;
import dev.hostkeep.core.config.ConfigObject;
import dev.hostkeep.dns.secondary.SecondaryTarget;
import dev.hostkeep.dns.secondary.SecondaryTargetFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Test only: a "secondary service" that is a folder with one file per zone it serves, so tests see
 * every add and removal on disk across separate CLI runs.
 */
public final class FolderSecondaryProvider implements ProviderType {
  @Override
  public String type() {
    return "test-folder-secondary";
  }

  @Override
  public String summary() {
    return "test only: a folder standing in for a secondary DNS service";
  }

  @Override
  public Object configure(ConfigObject section) {
    return (SecondaryTargetFactory)
        (target, providers) -> {
          Path path = Path.of(target.string("path"));
          target.finish();
          return new Folder(path);
        };
  }

  private record Folder(Path path) implements SecondaryTarget {
    @Override
    public String name() {
      return "folder:" + path.getFileName();
    }

    @Override
    public Set<String> zones() {
      try (Stream<Path> files = Files.list(path)) {
        return new TreeSet<>(files.map(p -> p.getFileName().toString()).toList());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void add(String zone) {
      try {
        Files.writeString(path.resolve(zone), zone);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void remove(String zone) {
      try {
        Files.delete(path.resolve(zone));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
