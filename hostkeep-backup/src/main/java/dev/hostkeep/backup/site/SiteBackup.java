package dev.hostkeep.backup.site;

import dev.hostkeep.backup.archive.Archiver;
import dev.hostkeep.backup.archive.BackupStats;
import dev.hostkeep.backup.repo.Repository;
import dev.hostkeep.backup.sealed.SealedArchives;
import dev.hostkeep.backup.sealed.SealedRepository;
import dev.hostkeep.core.host.Command;
import dev.hostkeep.core.host.Host;
import dev.hostkeep.core.state.JournalEntry;
import dev.hostkeep.core.state.LockBusyException;
import dev.hostkeep.core.state.RunLock;
import dev.hostkeep.core.state.RunRecord;
import dev.hostkeep.core.state.StateStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the backups of sites: the sites concurrently, at most {@link Limits#perHost} at a time on
 * one host, and the parts that write to one repository one after the other; each site's parts in
 * order between its {@code before} and {@code after} commands. One failing part fails alone: it is
 * reported and recorded, and the others still run. The state store learns of a success only after
 * the repository holds its snapshot.
 */
public final class SiteBackup {
  private static final Logger LOG = LoggerFactory.getLogger(SiteBackup.class);
  private static final String REVISION_SCRIPT =
      "cd \"$1\" && { git rev-parse HEAD 2>/dev/null || head -n 1 REVISION; }";

  /** Opens hosts by their config spec; the caller owns and closes them. */
  public interface Hosts {
    Host open(String spec);
  }

  /**
   * Opens a named repository with its index loaded and a shared lock held; the caller owns and
   * closes it.
   */
  public interface Repositories {
    Repository open(String name);

    /** The named repository when it has the sealed format; else empty, and {@link #open} it. */
    default Optional<SealedRepository> sealed(String name) {
      return Optional.empty();
    }
  }

  /** Called as parts start and end, from the threads that run them. */
  public interface Listener {
    void started(Site site, Part part, BackupStats stats);

    void finished(Outcome outcome);
  }

  /** How many sites run at once on one host. */
  public record Limits(int perHost) {
    public static Limits defaults() {
      return new Limits(2);
    }
  }

  /**
   * How tables name a snapshot: a restic snapshot by its short id, a sealed run by its date and
   * time ({@code 2026/12/03/021500}), which is what {@code backup restore --snapshot} takes.
   */
  public static String shortName(String snapshot) {
    String[] segments = snapshot.split("/");
    if (segments.length >= 6) {
      return String.join("/", java.util.Arrays.copyOfRange(segments, 2, segments.length));
    }
    return snapshot.length() <= 8 ? snapshot : snapshot.substring(0, 8);
  }

  /** What became of one part. */
  public record Outcome(
      String site,
      String part,
      boolean ok,
      String snapshot,
      long size,
      long added,
      Duration took,
      String error,
      List<String> warnings) {}

  private final Hosts hosts;
  private final Repositories repositories;
  private final StateStore state;
  private final Clock clock;
  private final int workers;
  private final Limits limits;
  private final Notifier notifier = new Notifier();
  private final Map<String, Semaphore> hostSlots = new ConcurrentHashMap<>();
  private final Map<String, Semaphore> repositorySlots = new ConcurrentHashMap<>();

  public SiteBackup(
      Hosts hosts,
      Repositories repositories,
      StateStore state,
      Clock clock,
      int workers,
      Limits limits) {
    this.hosts = hosts;
    this.repositories = repositories;
    this.state = state;
    this.clock = clock;
    this.workers = workers;
    this.limits = limits;
  }

  /** Backs up the chosen parts of each site, and returns every part's outcome in config order. */
  public List<Outcome> run(Map<Site, List<Part>> selection, Listener listener) {
    RunRecord run = state.startRun(PartRecord.CAPABILITY, "run");
    List<Thread> threads = new ArrayList<>();
    // The early opens are joined too: one that finished after the caller closed the repositories
    // would leave a repository open and its lock behind.
    selection.keySet().stream()
        .map(Site::repository)
        .distinct()
        .forEach(
            name ->
                threads.add(
                    Thread.ofPlatform()
                        .daemon()
                        .name("open-" + name)
                        .start(() -> openEarly(name))));
    Map<Site, List<Outcome>> results = Collections.synchronizedMap(new LinkedHashMap<>());
    for (Map.Entry<Site, List<Part>> entry : selection.entrySet()) {
      Site site = entry.getKey();
      List<Part> parts = entry.getValue();
      List<Outcome> outcomes = new ArrayList<>();
      results.put(site, outcomes);
      threads.add(
          Thread.ofPlatform()
              .name("site-" + site.name())
              .start(
                  () -> {
                    try (RunLock lock = state.lock(lockName(site), Duration.ZERO)) {
                      site(run, site, parts, listener, outcomes);
                    } catch (LockBusyException e) {
                      busy(site, parts, outcomes, e);
                    } catch (RuntimeException | Error e) {
                      stopped(site, parts, outcomes, e);
                    }
                  }));
    }
    for (Thread thread : threads) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    List<Outcome> all = new ArrayList<>();
    for (Site site : selection.keySet()) {
      all.addAll(results.get(site));
    }
    int failed = (int) all.stream().filter(o -> !o.ok()).count();
    state.finishRun(
        run.finished(
            clock.instant(),
            failed == 0 ? "ok" : failed == all.size() ? "failed" : "partial",
            all.size() - failed,
            failed));
    return all;
  }

  /**
   * Opens a repository while the first hosts connect: deriving its key and connecting each take a
   * few hundred milliseconds, and neither needs the other. A failure is left for the first part
   * that needs the repository, which opens it again and reports what is wrong.
   */
  private void openEarly(String name) {
    try {
      if (repositories.sealed(name).isEmpty()) {
        repositories.open(name);
      }
    } catch (RuntimeException e) {
      LOG.debug("opening repository {} ahead of its parts: {}", name, e.getMessage());
    }
  }

  /**
   * Backs up {@code parts} of {@code site}, adding each part's outcome to {@code outcomes} as it
   * ends.
   */
  private void site(
      RunRecord run, Site site, List<Part> parts, Listener listener, List<Outcome> outcomes) {
    Semaphore slot = hostSlots.computeIfAbsent(site.host(), h -> new Semaphore(limits.perHost()));
    slot.acquireUninterruptibly();
    try {
      siteOnHost(run, site, parts, listener, outcomes);
    } finally {
      slot.release();
    }
    notifier.site(site, outcomes);
  }

  /** The run lock that keeps two processes from backing up one site at once. */
  static String lockName(Site site) {
    return "backup site " + site.name();
  }

  /**
   * Another process is backing up the site (a long dump still running when cron starts the next
   * {@code backup run --due}): its parts are not run, so the dumps and the before/after commands do
   * not run twice at once. They are reported as not run, but nothing is recorded against them and
   * no notification goes out: the other run reports its own outcome.
   */
  private void busy(Site site, List<Part> parts, List<Outcome> outcomes, LockBusyException e) {
    String error = "not run: another backup of this site is running (" + e.getMessage() + ")";
    LOG.warn("site {}: {}", site.name(), error);
    for (Part part : parts) {
      outcomes.add(
          new Outcome(
              site.name(), part.name(), false, null, 0, 0, Duration.ZERO, error, List.of()));
    }
  }

  /**
   * A site's thread failed outside any part (the state store refusing a write, a bug): the parts
   * that had not ended count as failed, so the run's summary, exit status and record say so instead
   * of leaving them out. Nothing more is written to the state, which may be the cause.
   */
  private void stopped(Site site, List<Part> parts, List<Outcome> outcomes, Throwable e) {
    LOG.error("site {}: stopped by an unexpected error", site.name(), e);
    String error = "the site's run stopped: " + message(e);
    for (Part part : parts) {
      if (outcomes.stream().noneMatch(o -> o.part().equals(part.name()))) {
        outcomes.add(
            new Outcome(
                site.name(), part.name(), false, null, 0, 0, Duration.ZERO, error, List.of()));
      }
    }
    try {
      notifier.site(site, outcomes);
    } catch (RuntimeException notifying) {
      LOG.warn("site {}: could not send its notification: {}", site.name(), message(notifying));
    }
  }

  private void siteOnHost(
      RunRecord run, Site site, List<Part> parts, Listener listener, List<Outcome> outcomes) {
    Host host;
    try {
      host = hosts.open(site.host());
    } catch (RuntimeException e) {
      for (Part part : parts) {
        outcomes.add(
            fail(
                run,
                site,
                part,
                clock.instant(),
                "cannot reach " + site.host() + ": " + e.getMessage(),
                listener));
      }
      return;
    }
    String before = hooks(host, site.before(), "before");
    if (before != null) {
      for (Part part : parts) {
        outcomes.add(fail(run, site, part, clock.instant(), before, listener));
      }
    } else {
      Optional<String> revision =
          parts.stream().anyMatch(p -> p instanceof FilesPart)
              ? revision(host, site)
              : Optional.empty();
      for (Part part : parts) {
        Optional<String> recorded = part instanceof FilesPart ? revision : Optional.empty();
        outcomes.add(part(run, site, part, host, recorded, listener));
      }
    }
    String after = hooks(host, site.after(), "after");
    if (after != null) {
      LOG.warn("site {}: {}", site.name(), after);
    }
  }

  /** Backs up one part; {@code revision} is what its snapshot records, if anything. */
  private Outcome part(
      RunRecord run,
      Site site,
      Part part,
      Host host,
      Optional<String> revision,
      Listener listener) {
    Instant start = clock.instant();
    BackupStats stats = new BackupStats();
    listener.started(site, part, stats);
    Semaphore slot = repositorySlots.computeIfAbsent(site.repository(), r -> new Semaphore(1));
    slot.acquireUninterruptibly();
    String snapshot;
    String shortForm;
    try {
      Optional<SealedRepository> sealed = repositories.sealed(site.repository());
      if (sealed.isPresent()) {
        SealedArchives.Archive archive =
            new SealedPartBackup(sealed.get().archives(), sealed.get().recipients(), host, clock)
                .run(site, part, revision, stats);
        snapshot = archive.id();
        shortForm = archive.id();
      } else {
        Repository repository = repositories.open(site.repository());
        Archiver.Result result =
            new PartBackup(repository, host, clock, workers).run(site, part, revision, stats);
        snapshot = result.snapshot().toString();
        shortForm = result.snapshot().shortForm();
      }
    } catch (IOException | RuntimeException e) {
      return fail(run, site, part, start, message(e), listener);
    } finally {
      slot.release();
    }
    Duration took = Duration.between(start, clock.instant());
    long size = stats.bytesProcessed();
    PartRecord record =
        new PartRecord(
            start,
            start,
            snapshot,
            size,
            stats.dataAdded(),
            took.toMillis(),
            revision.orElse(null),
            null);
    state.put(PartRecord.key(site.name(), part.name()), record.toJson());
    journal(run, site, part, JournalEntry.Outcome.APPLIED, "snapshot " + shortForm);
    Outcome outcome =
        new Outcome(
            site.name(),
            part.name(),
            true,
            snapshot,
            size,
            stats.dataAdded(),
            took,
            null,
            stats.warnings());
    listener.finished(outcome);
    return outcome;
  }

  private Outcome fail(
      RunRecord run, Site site, Part part, Instant start, String error, Listener listener) {
    PartRecord before =
        state
            .get(PartRecord.key(site.name(), part.name()))
            .map(r -> PartRecord.fromJson(r.value()))
            .orElse(PartRecord.none());
    state.put(PartRecord.key(site.name(), part.name()), before.failed(start, error).toJson());
    journal(run, site, part, JournalEntry.Outcome.FAILED, error);
    Outcome outcome =
        new Outcome(
            site.name(),
            part.name(),
            false,
            null,
            0,
            0,
            Duration.between(start, clock.instant()),
            error,
            List.of());
    listener.finished(outcome);
    return outcome;
  }

  private void journal(
      RunRecord run, Site site, Part part, JournalEntry.Outcome outcome, String message) {
    state.record(
        new JournalEntry(
            run.id(),
            PartRecord.CAPABILITY,
            site.name(),
            "backup",
            part.kind(),
            part.name(),
            outcome,
            1,
            message,
            clock.instant()));
  }

  /** Runs a site's hook commands in order; returns why one failed, or null. */
  private static String hooks(Host host, List<String> commands, String which) {
    for (String command : commands) {
      try {
        CommandOutput.run(
            host,
            Command.shell(command),
            new byte[0],
            which + " command '" + command + "' on " + host.name());
      } catch (IOException | RuntimeException e) {
        return message(e);
      }
    }
    return null;
  }

  private static Optional<String> revision(Host host, Site site) {
    if (site.revision().isEmpty()) {
      return Optional.empty();
    }
    try {
      String text =
          CommandOutput.run(
              host,
              new Command(List.of("sh", "-c", REVISION_SCRIPT, "sh", site.revision().get())),
              new byte[0],
              "reading the revision of " + site.revision().get());
      String first = text.lines().findFirst().orElse("").strip();
      return first.isEmpty() ? Optional.empty() : Optional.of(first);
    } catch (IOException | RuntimeException e) {
      LOG.warn("site {}: no revision recorded: {}", site.name(), message(e));
      return Optional.empty();
    }
  }

  private static String message(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
