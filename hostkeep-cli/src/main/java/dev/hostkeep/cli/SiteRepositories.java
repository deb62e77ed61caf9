package dev.hostkeep.cli;

import dev.hostkeep.backup.config.RepositoriesSection;
import dev.hostkeep.backup.repo.Lock;
import dev.hostkeep.backup.repo.Repository;
import dev.hostkeep.backup.sealed.SealedArchives;
import dev.hostkeep.backup.sealed.SealedRepository;
import dev.hostkeep.backup.site.SiteBackup;
import dev.hostkeep.backup.storage.Backends;
import dev.hostkeep.backup.storage.Location;
import dev.hostkeep.backup.storage.ObjectStore;
import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.config.Suggestions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The named repositories sites write to, each opened once per command with its index read and a
 * shared lock held (as restic's backup holds one), and closed together at the end.
 */
final class SiteRepositories implements SiteBackup.Repositories, AutoCloseable {
  private final Session session;
  private final Map<String, Repository> open = new LinkedHashMap<>();
  private final Map<String, SealedRepository> sealed = new LinkedHashMap<>();
  private final List<ObjectStore> stores = new ArrayList<>();
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
    if (entry.format() == RepositoriesSection.Format.SEALED) {
      if (entry.url() == null || entry.recipients().isEmpty()) {
        throw HostkeepException.usage(
            "repository '"
                + name
                + "' needs a url and recipients (OpenPGP public keys) in the config for sites to"
                + " be backed up to it");
      }
      return entry;
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

  /** Whether the named repository has the sealed format. */
  boolean isSealed(String name) {
    return entry(name).format() == RepositoriesSection.Format.SEALED;
  }

  @Override
  public synchronized Optional<SealedRepository> sealed(String name) {
    RepositoriesSection.Entry entry = entry(name);
    if (entry.format() != RepositoriesSection.Format.SEALED) {
      return Optional.empty();
    }
    SealedRepository known = sealed.get(name);
    if (known == null) {
      ObjectStore store =
          Backends.openStore(
              Location.parse(entry.url(), System.getProperty("user.name")),
              RepoAccess.settings(session, entry));
      stores.add(store);
      known = new SealedRepository(name, new SealedArchives(store), entry.recipients().get());
      sealed.put(name, known);
    }
    return Optional.of(known);
  }

  @Override
  public synchronized Repository open(String name) {
    Repository repository = open.get(name);
    if (repository != null) {
      return repository;
    }
    RepositoriesSection.Entry entry = entry(name);
    if (entry.format() == RepositoriesSection.Format.SEALED) {
      throw HostkeepException.usage(
          "repository '" + name + "' is sealed; restic commands cannot open it");
    }
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
    for (ObjectStore store : stores) {
      store.close();
    }
    open.clear();
    locks.clear();
    sealed.clear();
    stores.clear();
  }
}
