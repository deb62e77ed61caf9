package dev.hostkeep.backup.archive;

import dev.hostkeep.backup.repo.Repository;
import java.nio.file.Path;

/**
 * {@code main(repo, data)}: initialises a repository and backs {@code data} up, printing each
 * warning on its own line. Run in a child JVM without the capabilities that let root read any file,
 * so a test running as root can still meet "permission denied".
 */
public final class UnprivilegedBackup {
  private UnprivilegedBackup() {}

  public static void main(String[] args) {
    try (Repository repository = Repos.init(Path.of(args[0]), 2)) {
      Archiver.Result result = Repos.backup(repository, Path.of(args[1]));
      for (String warning : result.stats().warnings()) {
        System.out.println("warning: " + warning);
      }
      System.out.println("files: " + result.stats().files());
    }
  }
}
