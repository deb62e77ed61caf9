package dev.hostkeep.backup.repo;

/**
 * Class set-up every repository command needs, for a second thread to do while the main one parses
 * the command line and derives the key: zstd's native bindings and Jackson's readers for the files
 * a command reads first (key, config, index, snapshots, trees). The JVM lets one thread initialise
 * a class while another waits for it, so the outcome is the same whichever thread gets there first.
 */
public final class RepoWarmUp {
  private RepoWarmUp() {}

  public static void run() {
    Compression.warmUp();
    for (Class<?> type :
        new Class<?>[] {
          KeyFile.class,
          KeyFile.Master.class,
          RepoConfig.class,
          IndexFile.class,
          Snapshot.class,
          Tree.class
        }) {
      RepoJson.MAPPER.readerFor(type);
    }
  }
}
