package dev.hostkeep.backup.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A small generated file tree with the cases a backup must get right, and a way to compare two. */
final class SampleTree {
  private SampleTree() {}

  /** Writes the sample under {@code root}: sizes across chunk boundaries, links, modes, times. */
  static void write(Path root, long seed) throws IOException {
    Random random = new Random(seed);
    Files.createDirectories(root.resolve("site/uploads"));
    Files.createDirectories(root.resolve("empty-dir"));
    Files.write(root.resolve("empty.txt"), new byte[0]);
    Files.writeString(root.resolve("site/index.html"), "<h1>hello</h1>\n".repeat(2000));
    byte[] big = new byte[3 * 1024 * 1024 + 12345];
    random.nextBytes(big);
    Files.write(root.resolve("site/uploads/photo.bin"), big);
    StringBuilder dump = new StringBuilder();
    for (int i = 0; i < 60_000; i++) {
      dump.append("INSERT INTO posts VALUES (")
          .append(i)
          .append(", 'post ")
          .append(random.nextInt())
          .append("');\n");
    }
    Files.writeString(root.resolve("site/dump.sql"), dump);
    Path script = root.resolve("site/run.sh");
    Files.writeString(script, "#!/bin/sh\necho hi\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
    Files.createSymbolicLink(root.resolve("site/current"), Path.of("uploads/photo.bin"));
    Files.writeString(root.resolve("site/ünïcode ✓.txt"), "names beyond ASCII\n");
    Files.createLink(root.resolve("site/hardlink.html"), root.resolve("site/index.html"));
    try (Stream<Path> all = Files.walk(root)) {
      all.sorted(java.util.Comparator.reverseOrder())
          .filter(p -> !Files.isSymbolicLink(p))
          .forEach(p -> touch(p, Instant.parse("2026-01-02T03:04:05.123456789Z")));
    }
  }

  private static void touch(Path path, Instant when) {
    try {
      Files.setLastModifiedTime(path, FileTime.from(when));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Each entry below {@code root} by relative path: type, permissions, mtime, and the content (or
   * link target), so two trees compare equal exactly when a user could not tell them apart.
   */
  static Map<String, String> describe(Path root) throws IOException {
    Map<String, String> entries = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path path : (Iterable<Path>) all::iterator) {
        String rel = root.relativize(path).toString();
        if (Files.isSymbolicLink(path)) {
          entries.put(rel, "link -> " + Files.readSymbolicLink(path));
        } else if (Files.isDirectory(path)) {
          entries.put(
              rel, "dir " + PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
        } else {
          entries.put(
              rel,
              "file "
                  + PosixFilePermissions.toString(Files.getPosixFilePermissions(path))
                  + " "
                  + Files.getLastModifiedTime(path).toInstant()
                  + " "
                  + java.util.HexFormat.of()
                      .formatHex(
                          java.security.MessageDigest.getInstance("SHA-256")
                              .digest(Files.readAllBytes(path))));
        }
      }
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return entries;
  }
}
