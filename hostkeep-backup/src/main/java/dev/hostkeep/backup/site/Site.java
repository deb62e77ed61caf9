package dev.hostkeep.backup.site;

import dev.hostkeep.backup.repo.Retention;
import java.util.List;
import java.util.Optional;

/**
 * A customer site: the host its data lives on, the repository it is backed up to, when, what is
 * kept, and its parts.
 *
 * @param host {@code local} or {@code ssh://user@host[:port]}
 * @param repository the name of an entry in the {@code repositories} section
 * @param revision a folder on the host whose deployed revision (git {@code HEAD} or a {@code
 *     REVISION} file) is recorded with each snapshot
 * @param before commands run on the host before the parts, in order; one that fails fails the site
 * @param after commands run on the host after the parts, whatever their outcome
 * @param notifications where the outcome of each run is reported, or null
 */
public record Site(
    String name,
    String host,
    String repository,
    Schedule schedule,
    Retention keep,
    List<Part> parts,
    Optional<String> revision,
    List<String> before,
    List<String> after,
    Notify notifications) {

  public Site {
    parts = List.copyOf(parts);
    before = List.copyOf(before);
    after = List.copyOf(after);
  }

  public Optional<Part> part(String name) {
    return parts.stream().filter(p -> p.name().equals(name)).findFirst();
  }
}
