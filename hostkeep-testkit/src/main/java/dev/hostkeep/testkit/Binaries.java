package dev.hostkeep.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the real server and tool binaries tests need. A missing binary skips the test with a
 * printed reason on a developer machine and fails it when {@code CI=true}, where everything must be
 * installed (by {@code scripts/install-test-deps.sh}).
 */
public final class Binaries {
  private static final List<String> SYSTEM_DIRS =
      List.of("/usr/sbin", "/usr/local/sbin", "/sbin", "/usr/lib/postgresql/15/bin");

  private Binaries() {}

  /** The path of {@code name}, searched on {@code PATH} and in the usual sbin folders. */
  public static Path require(String name) {
    Path found = find(name);
    if (found != null) {
      return found;
    }
    return missing(
        "'"
            + name
            + "' is not installed (looked on PATH and in "
            + String.join(", ", SYSTEM_DIRS)
            + "); run scripts/install-test-deps.sh");
  }

  /**
   * {@code file}, a file a server needs (a schema, a server jar); missing, it skips or fails the
   * test like a missing binary, with {@code howToGetIt} in the reason.
   */
  public static Path requireFile(Path file, String howToGetIt) {
    if (Files.isRegularFile(file)) {
      return file;
    }
    return missing(file + " is missing; " + howToGetIt);
  }

  private static Path missing(String reason) {
    if (inCi()) {
      Assertions.fail("CI=true and " + reason);
    }
    System.err.println("[hostkeep-testkit] skipping: " + reason);
    Assumptions.abort(reason);
    throw new AssertionError("unreachable");
  }

  /** The path of {@code name}, or {@code null} when it is not installed. */
  public static Path find(String name) {
    List<String> dirs = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      dirs.addAll(List.of(path.split(":")));
    }
    dirs.addAll(SYSTEM_DIRS);
    for (String dir : dirs) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** Whether this run is CI's, where a missing server is a failure rather than a skip. */
  public static boolean inCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }
}
