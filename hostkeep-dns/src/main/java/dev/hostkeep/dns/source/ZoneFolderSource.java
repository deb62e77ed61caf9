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
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
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
    for (String fileName : fileNames()) {
      if (IgnoredFiles.ignored(fileName)) {
        continue;
      }
      Path file = folder.resolve(fileName);
      BasicFileAttributes attributes = linkAttributes(file);
      if (attributes != null && attributes.isSymbolicLink()) {
        links = true;
        attributes = attributes(file);
      }
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
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      for (Path entry : entries) {
        names.add(entry.getFileName().toString());
      }
    } catch (IOException | RuntimeException e) {
      throw new HostkeepException(
          "cannot list zone folder "
              + folder
              + ": "
              + e.getMessage()
              + "; check that hostkeep's user may read it",
          e);
    }
    Collections.sort(names);
    return names;
  }
}
