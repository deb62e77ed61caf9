package dev.hostkeep.dns.source;

import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.dns.InvalidZoneNameException;
import dev.hostkeep.dns.ZoneName;
import dev.hostkeep.dns.secondary.ZoneListing;
import dev.hostkeep.dns.secondary.ZoneSource;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zones of a BIND-style folder, one file per zone, the zone's name in the file's name.
 *
 * <p>Journals, signed copies, key files, editor and temp files, dot-files and folders are skipped
 * silently; files that do not fit the pattern are skipped and counted. A file that fits the pattern
 * but does not name a valid zone, or (with {@code check}) does not load, is a <em>problem</em>: its
 * zone is not listed, and the {@code secondary} capability removes nothing from its targets while a
 * source reports problems, so a half-edited file never costs a zone its secondaries.
 *
 * <p>A folder that is missing, not a folder, or cannot be listed throws: an unmounted disk must
 * never read as "no zones". An existing empty folder lists no zones; the guard refuses to empty a
 * target on that.
 *
 * <p>The {@linkplain #version() version} is the folder's identity and modification time, which
 * every file added, removed or renamed in it moves. Editing a file's content does not, so there is
 * no version with {@code check}; nor when the folder holds links (their targets change unseen), nor
 * while the time is too recent to be told from a change made in the same tick (git's "racy clean"
 * rule).
 */
public final class ZoneFolderSource implements ZoneSource {
  private static final Logger log = LoggerFactory.getLogger(ZoneFolderSource.class);

  /** How old a folder's modification time must be to be trusted: above any file system's step. */
  static final Duration SETTLED = Duration.ofSeconds(2);

  private final ZoneFolderSettings settings;
  private final Clock clock;

  public ZoneFolderSource(ZoneFolderSettings settings) {
    this(settings, Clock.systemUTC());
  }

  ZoneFolderSource(ZoneFolderSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** What one read of the folder found, with the files it skipped for not fitting the pattern. */
  public record Scan(ZoneListing listing, List<String> unmatched) {
    public Scan {
      unmatched = List.copyOf(unmatched);
    }
  }

  @Override
  public String name() {
    return "zone folder " + settings.folder();
  }

  @Override
  public ZoneListing read() {
    Scan scan = scan();
    log.debug(
        "{}: {} zones, {} problems, {} files not matching {} skipped",
        name(),
        scan.listing().zones().size(),
        scan.listing().problems().size(),
        scan.unmatched().size(),
        settings.pattern());
    return scan.listing();
  }

  @Override
  public Optional<String> version() {
    if (settings.check()) {
      return Optional.empty();
    }
    BasicFileAttributes folder = attributes(settings.folder());
    if (folder == null || !folder.isDirectory() || folder.fileKey() == null) {
      return Optional.empty();
    }
    Instant modified = folder.lastModifiedTime().toInstant();
    if (modified.isAfter(clock.instant().minus(SETTLED))) {
      return Optional.empty();
    }
    return Optional.of(folder.fileKey() + " " + modified + " " + settings.pattern());
  }

  /** Reads the folder; see the class comment for what is skipped, reported and thrown. */
  public Scan scan() {
    Optional<String> version = version();
    boolean links = false;
    TreeSet<String> zones = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    List<String> unmatched = new ArrayList<>();
    Map<String, String> fileOfZone = new HashMap<>();
    Path folder = settings.folder();
    List<String> names = fileNames();
    Stat[] stats = stat(folder, names);
    for (int i = 0; i < names.size(); i++) {
      String fileName = names.get(i);
      if (stats[i] == null) {
        continue; // ignored
      }
      Path file = folder.resolve(fileName);
      BasicFileAttributes attributes = stats[i].attributes();
      links |= stats[i].link();
      if (attributes != null && attributes.isDirectory()) {
        continue;
      }
      Optional<String> raw = settings.pattern().zoneOf(fileName);
      if (raw.isEmpty()) {
        unmatched.add(fileName);
        continue;
      }
      ZoneName zone;
      try {
        zone = ZoneName.parse(raw.get());
      } catch (InvalidZoneNameException e) {
        problems.add(
            name()
                + ": file '"
                + fileName
                + "' does not name a zone: "
                + e.reason()
                + "; not listed");
        continue;
      }
      Optional<String> problem = problem(file, zone, attributes);
      if (problem.isPresent()) {
        problems.add(problem.get() + "; zone " + zone + " is not listed until its file loads");
        continue;
      }
      String previous = fileOfZone.putIfAbsent(zone.toString(), fileName);
      if (previous != null) {
        problems.add(
            name()
                + ": files '"
                + previous
                + "' and '"
                + fileName
                + "' both name zone "
                + zone
                + "; remove one");
      }
      zones.add(zone.toString());
    }
    if (zones.isEmpty() && problems.isEmpty() && !unmatched.isEmpty()) {
      problems.add(
          name()
              + ": none of its "
              + unmatched.size()
              + " files fits the pattern "
              + settings.pattern()
              + " (e.g. '"
              + unmatched.getFirst()
              + "'); is the pattern right?");
    }
    return new Scan(
        new ZoneListing(zones, problems, links ? Optional.empty() : version), unmatched);
  }

  /** A file's attributes, its target's if it is a link (null when that is missing). */
  private record Stat(boolean link, BasicFileAttributes attributes) {}

  /**
   * The {@link Stat} of each name, null for ignored names. Big folders are read by two threads,
   * each taking half the names: a stat costs more in Java than in the kernel, and the first sync of
   * 10,000 zones spent a tenth of its time here.
   */
  private static Stat[] stat(Path folder, List<String> names) {
    Stat[] stats = new Stat[names.size()];
    int half = names.size() / 2;
    if (half < 1_000) {
      stat(folder, names, stats, 0, names.size());
      return stats;
    }
    FutureTask<Void> otherHalf =
        new FutureTask<>(() -> stat(folder, names, stats, half, names.size()), null);
    Thread.ofPlatform().daemon().name("hostkeep-stat").start(otherHalf);
    stat(folder, names, stats, 0, half);
    try {
      otherHalf.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HostkeepException("interrupted while reading " + folder, e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException cause
          ? cause
          : new HostkeepException("cannot read " + folder + ": " + e.getCause(), e.getCause());
    }
    return stats;
  }

  private static void stat(Path folder, List<String> names, Stat[] stats, int from, int to) {
    for (int i = from; i < to; i++) {
      String name = names.get(i);
      if (IgnoredFiles.ignored(name)) {
        continue;
      }
      Path file = folder.resolve(name);
      BasicFileAttributes attributes = linkAttributes(file);
      boolean link = attributes != null && attributes.isSymbolicLink();
      stats[i] = new Stat(link, link ? attributes(file) : attributes);
    }
  }

  /** The file's own attributes, a link's rather than its target's, or null when it vanished. */
  private static BasicFileAttributes linkAttributes(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The file's attributes (links followed) in one system call, or null when its target is missing.
   */
  private static BasicFileAttributes attributes(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      return null;
    }
  }

  private Optional<String> problem(Path file, ZoneName zone, BasicFileAttributes attributes) {
    if (attributes == null || !attributes.isRegularFile()) {
      return Optional.of(name() + ": '" + file.getFileName() + "' is a link to a missing file");
    }
    return settings.check() ? ZoneFileCheck.problem(file, zone) : Optional.empty();
  }

  /** The names in the folder, sorted; names alone sort quicker than paths and need no stat. */
  private List<String> fileNames() {
    Path folder = settings.folder();
    if (!Files.exists(folder)) {
      throw new HostkeepException(
          "zone folder "
              + folder
              + " does not exist or is not mounted; refusing to read it as"
              + " an empty zone list");
    }
    if (!Files.isDirectory(folder)) {
      throw new HostkeepException(
          "zone folder "
              + folder
              + " is not a folder; zone_dir must name the folder that holds"
              + " the zone files");
    }
    // File.list() reads the names in one call, without a Path per entry (a third of the time a
    // DirectoryStream takes over 10,000 zone files), but says nothing of why it failed.
    String[] names = folder.toFile().list();
    if (names == null) {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
        entries.iterator().hasNext();
        throw new IOException("it vanished or changed while it was read");
      } catch (IOException | RuntimeException e) {
        throw new HostkeepException(
            "cannot list zone folder "
                + folder
                + ": "
                + e.getMessage()
                + "; check that hostkeep's user may read it",
            e);
      }
    }
    Arrays.sort(names);
    return Arrays.asList(names);
  }
}
