package dev.hostkeep.core.state;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.OSInfo;

/**
 * Keeps sqlite-jdbc's native library in the user's cache ({@code ~/.cache/hostkeep/}) instead of
 * letting the driver extract a fresh 1 MB copy into /tmp on every start: quicker for short
 * commands, and no litter in /tmp. Any problem falls back to the driver's own extraction.
 */
final class SqliteNativeLibrary {
  private static boolean prepared;

  private SqliteNativeLibrary() {}

  static synchronized void prepare() {
    if (prepared || System.getProperty("org.sqlite.lib.path") != null) {
      return;
    }
    prepared = true;
    try {
      String name = System.mapLibraryName("sqlitejdbc");
      Path dir = cacheDir().resolve("sqlite-" + SQLiteJDBCLoader.getVersion() + "-" + platform());
      Path library = dir.resolve(name);
      if (!Files.isRegularFile(library)) {
        String folder = OSInfo.getNativeLibFolderPathForCurrentOS();
        if (!extract("/org/sqlite/native/" + folder + "/" + name, dir, library)) {
          return;
        }
      }
      System.setProperty("org.sqlite.lib.path", dir.toString());
      System.setProperty("org.sqlite.lib.name", name);
    } catch (IOException | RuntimeException e) {
      // the driver extracts the library itself, as it always can
    }
  }

  /**
   * Names the build of the library this process loads without asking the driver, whose answer costs
   * a {@code uname -o} process and a readlink of every mapped file on each start: the system and
   * architecture, and the Java home, whose build fixes the rest (glibc or musl, Android, ARM's
   * float ABI). A cache shared by two Java homes holds one copy for each.
   */
  private static String platform() {
    return System.getProperty("os.name").replaceAll("[^A-Za-z0-9]", "")
        + "-"
        + System.getProperty("os.arch")
        + "-"
        + Integer.toHexString(System.getProperty("java.home").hashCode());
  }

  private static boolean extract(String resource, Path dir, Path library) throws IOException {
    try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
      if (in == null) {
        return false;
      }
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Path temporary = Files.createTempFile(dir, "lib", ".tmp");
      try {
        Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
        Files.move(
            temporary,
            library,
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temporary);
      }
      return true;
    }
  }

  private static Path cacheDir() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "hostkeep");
    }
    return Path.of(System.getProperty("user.home"), ".cache", "hostkeep");
  }
}
