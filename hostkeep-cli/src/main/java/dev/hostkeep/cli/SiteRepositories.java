package dev.hostkeep.cli;

import dev.hostkeep.backup.config.RepositoriesSection;
import dev.hostkeep.backup.repo.Lock;
import dev.hostkeep.backup.repo.Repository;
import dev.hostkeep.backup.site.SiteBackup;
import dev.hostkeep.backup.storage.Backends;
import dev.hostkeep.backup.storage.Location;
import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.config.Suggestions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named repositories sites write to, each opened once per command with its index read and a
 * shared lock held (as restic's backup holds one), and closed together at the end.
 */
final class SiteRepositories implements SiteBackup.Repositories, AutoCloseable {
  private final Session session;
  private final Map<String, Repository> open = new LinkedHashMap<>();
  private final List<Lock> locks = new ArrayList<>();

  private final boolean exclusive;

  /** Repositories with a shared lock: for backup and restore. */
  SiteRepositories(Session session) {
    this(session, false);
  }

  /** Repositories with a lock of the kind asked: exclusive for forget and prune. */
  SiteRepositories(Session session, boolean exclusive) {
    this.session = session;
    this.exclusive = exclusive;
  }

  private Map<String, RepositoriesSection.Entry> entries() {
    return session
        .config()
        .section(RepositoriesSection.NAME, RepositoriesSection.Repositories.class)
        .map(RepositoriesSection.Repositories::entries)
        .orElse(Map.of());
  }

  /** Fails with a clear message when {@code name} is not a usable configured repository. */
  RepositoriesSection.Entry entry(String name) {
    Map<String, RepositoriesSection.Entry> entries = entries();
    RepositoriesSection.Entry entry = entries.get(name);
    if (entry == null) {
      throw HostkeepException.usage(
          "sites name the repository '"
              + name
              + "', which the repositories section of "
              + session.config().origin()
              + " lacks"
              + (entries.isEmpty()
                  ? ""
                  : Suggestions.didYouMean(name, entries.keySet())
                      + "; it names "
                      + String.join(", ", entries.keySet())));
    }
    if (entry.url() == null || entry.password().isEmpty()) {
      throw HostkeepException.usage(
          "repository '"
              + name
              + "' needs a url and a password in the config for sites to be backed up to it"
              + " (password: ${file:/etc/hostkeep/repo.pass})");
    }
    return entry;
  }

  @Override
  public synchronized Repository open(String name) {
    Repository repository = open.get(name);
    if (repository != null) {
      return repository;
    }
    RepositoriesSection.Entry entry = entry(name);
    Backends.Settings settings = RepoAccess.settings(session, entry);
    Location location = Location.parse(entry.url(), System.getProperty("user.name"));
    repository =
        Repository.open(
            Backends.open(location, settings),
            entry.password().get().reveal(),
            Repository.Options.defaults());
    try {
      repository.loadIndex();
      locks.add(
          Lock.acquire(
              repository,
              exclusive,
              RepoCommand.hostname(),
              System.getProperty("user.name"),
              Clock.systemDefaultZone(),
              Duration.ofMinutes(1)));
      repository.adoptUnindexedPacks();
    } catch (RuntimeException e) {
      repository.close();
      throw e;
    }
    open.put(name, repository);
    return repository;
  }

  @Override
  public synchronized void close() {
    for (Lock lock : locks) {
      lock.close();
    }
    for (Repository repository : open.values()) {
      repository.close();
    }
    open.clear();
    locks.clear();
  }
}
