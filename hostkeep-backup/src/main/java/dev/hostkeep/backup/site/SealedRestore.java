package dev.hostkeep.backup.site;

import dev.hostkeep.backup.sealed.Identity;
import dev.hostkeep.backup.sealed.SealedArchives;
import dev.hostkeep.core.HostkeepException;
import dev.hostkeep.core.host.Host;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Restores and verifies parts from a sealed repository with the secret key of one of its
 * recipients: a files part's tar is unpacked by the local GNU tar, dumps and command output are
 * written as files or streamed into a database. Every stream is checked as it ends: its OpenPGP
 * integrity packet, and its size and SHA-256 against the run's manifest.
 */
public final class SealedRestore {
  private final SealedArchives archives;
  private final Identity identity;

  public SealedRestore(SealedArchives archives, Identity identity) {
    this.archives = archives;
    this.identity = identity;
  }

  /**
   * The run to restore: the one named {@code ref} (its id, e.g. {@code shop/db/2026/12/03/021500},
   * or the id's date-and-time tail {@code 2026/12/03/021500}), else the newest taken at or before
   * {@code at}, else the newest.
   */
  public SealedArchives.Archive archive(
      Site site, Part part, Optional<String> ref, Optional<Instant> at) {
    List<SealedArchives.Archive> all = archives.list(site.name(), part.name());
    String name = site.name() + "/" + part.name();
    if (ref.isPresent()) {
      String wanted = ref.get().startsWith(name + "/") ? ref.get() : name + "/" + ref.get();
      return all.stream()
          .filter(a -> a.id().equals(wanted))
          .findFirst()
          .orElseThrow(
              () ->
                  HostkeepException.usage(
                      "no archive "
                          + ref.get()
                          + " of "
                          + name
                          + " in "
                          + archives.location()
                          + (all.isEmpty() ? "" : "; the newest is " + all.get(0).id())));
    }
    return all.stream()
        .filter(a -> at.isEmpty() || !a.manifest().instant().isAfter(at.get()))
        .findFirst()
        .orElseThrow(
            () ->
                HostkeepException.usage(
                    "no archive of "
                        + name
                        + (at.isPresent() ? " taken at or before " + at.get() : "")
                        + " in "
                        + archives.location()));
  }

  /**
   * Restores a run under {@code target}: a files part's folder (by its path, as tar stored it), or
   * each dump or output as a file named as in the manifest.
   *
   * @return the bytes restored
   */
  public long toFolder(Part part, SealedArchives.Archive archive, Path target) throws IOException {
    Files.createDirectories(target);
    long bytes = 0;
    for (SealedArchives.File file : archive.manifest().files()) {
      if (part instanceof FilesPart) {
        untar(file, target);
      } else {
        try (InputStream in = archives.open(file, identity);
            OutputStream out = Files.newOutputStream(target.resolve(file.name()))) {
          in.transferTo(out);
        }
      }
      bytes += file.bytes();
    }
    return bytes;
  }

  private void untar(SealedArchives.File file, Path target) throws IOException {
    Process tar =
        new ProcessBuilder(
                "tar",
                "--extract",
                "--file=-",
                "--preserve-permissions",
                "--xattrs",
                "--xattrs-include=user.*",
                "--directory=" + target)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    OutputTail errors = new OutputTail();
    Thread drain =
        Thread.ofVirtual()
            .start(
                () -> {
                  try (InputStream err = tar.getErrorStream()) {
                    err.transferTo(errors);
                  } catch (IOException e) {
                    // tar is gone; its exit status says why
                  }
                });
    IOException failed = null;
    try (InputStream in = archives.open(file, identity);
        OutputStream out = tar.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException e) {
      failed = e;
    }
    try {
      int status = tar.waitFor();
      drain.join();
      if (failed != null) {
        throw failed;
      }
      if (status != 0) {
        throw new IOException(
            "tar could not unpack " + file.object() + " (exit " + status + "): " + errors.text());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      tar.destroy();
      throw new IOException("interrupted while unpacking " + file.object());
    }
  }

  /** Streams the dump of {@code database} (or the only one) into {@code target} on {@code host}. */
  public long intoDatabase(
      DatabasePart part,
      SealedArchives.Archive archive,
      Optional<String> database,
      String target,
      Host host)
      throws IOException {
    SiteRestore.Dump dump = SiteRestore.choose(part, dumps(archive), database, archive.id());
    SiteRestore.load(part, dump, target, host);
    return dump.size();
  }

  /**
   * Checks a run: every stream decrypted to its end (integrity, size and SHA-256 checked), and for
   * a database part each dump loaded into a scratch database on {@code host} and dropped. Returns
   * the problems found.
   */
  public List<String> verify(Part part, SealedArchives.Archive archive, Host host) {
    if (part instanceof DatabasePart database) {
      return SiteRestore.verifyDumps(database, dumps(archive), host);
    }
    List<String> problems = new ArrayList<>();
    for (SealedArchives.File file : archive.manifest().files()) {
      try (InputStream in = archives.open(file, identity)) {
        in.transferTo(OutputStream.nullOutputStream());
      } catch (IOException | RuntimeException e) {
        problems.add(file.name() + ": " + e.getMessage());
      }
    }
    return problems;
  }

  private List<SiteRestore.Dump> dumps(SealedArchives.Archive archive) {
    return archive.manifest().files().stream()
        .map(
            f ->
                new SiteRestore.Dump(
                    f.name(),
                    f.bytes(),
                    out -> {
                      try (InputStream in = archives.open(f, identity)) {
                        in.transferTo(out);
                      }
                    }))
        .toList();
  }
}
