package dev.hostkeep.backup.archive;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live counters of a running backup, read by progress displays from another thread, and the
 * problems it met (unreadable files, files changed while read) which do not stop it.
 */
public final class BackupStats {
  final AtomicLong filesNew = new AtomicLong();
  final AtomicLong filesChanged = new AtomicLong();
  final AtomicLong filesUnmodified = new AtomicLong();
  final AtomicLong dirs = new AtomicLong();
  final AtomicLong bytesRead = new AtomicLong();
  final AtomicLong bytesProcessed = new AtomicLong();
  final AtomicLong dataBlobs = new AtomicLong();
  final AtomicLong treeBlobs = new AtomicLong();
  final AtomicLong dataAdded = new AtomicLong();
  private final List<String> warnings = new CopyOnWriteArrayList<>();

  /** Counts {@code bytes} of a stream read and processed (for writers other than the archiver). */
  public void streamed(long bytes) {
    bytesRead.addAndGet(bytes);
    bytesProcessed.addAndGet(bytes);
  }

  /** Counts {@code bytes} stored in the repository (for writers other than the archiver). */
  public void stored(long bytes) {
    dataAdded.addAndGet(bytes);
  }

  public void warn(String warning) {
    warnings.add(warning);
  }

  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  public long files() {
    return filesNew.get() + filesChanged.get() + filesUnmodified.get();
  }

  public long filesNew() {
    return filesNew.get();
  }

  public long filesChanged() {
    return filesChanged.get();
  }

  public long filesUnmodified() {
    return filesUnmodified.get();
  }

  public long dirs() {
    return dirs.get();
  }

  /** Bytes of file content the backup read (unchanged files cost none). */
  public long bytesRead() {
    return bytesRead.get();
  }

  /** Bytes of file content the snapshot covers. */
  public long bytesProcessed() {
    return bytesProcessed.get();
  }

  /** Plaintext bytes of new blobs. */
  public long dataAdded() {
    return dataAdded.get();
  }

  public long dataBlobs() {
    return dataBlobs.get();
  }
}
