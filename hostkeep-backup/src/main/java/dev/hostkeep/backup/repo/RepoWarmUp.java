package dev.hostkeep.backup.repo;

import org.bouncycastle.crypto.generators.SCrypt;

/**
 * Class set-up every repository command needs, for a second thread to do while the main one parses
 * the command line and derives the key: Bouncy Castle's scrypt, zstd's native bindings and
 * Jackson's readers for the files a command reads first (key, config, snapshots; the index and
 * trees have readers of their own). The JVM lets one thread initialise a class while another waits
 * for it, so the outcome is the same whichever thread gets there first.
 */
public final class RepoWarmUp {
  private RepoWarmUp() {}

  public static void run() {
    // Bouncy Castle's scrypt first, as the key is derived first: its jar is signed, and the JVM
    // checks the signature (a 0.8 MB manifest) when the first class is loaded from it, ~0.15 s.
    SCrypt.generate(new byte[1], new byte[1], 2, 1, 1, 32);
    Compression.warmUp();
    for (Class<?> type :
        new Class<?>[] {KeyFile.class, KeyFile.Master.class, RepoConfig.class, Snapshot.class}) {
      RepoJson.MAPPER.readerFor(type);
    }
  }
}
