package dev.hostkeep.backup.storage;

import dev.hostkeep.core.HostkeepException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A repository in a local folder, laid out exactly as restic's local backend lays it out. Each file
 * is written to a temporary name in its final folder, flushed to disk and renamed into place, and
 * left read-only.
 */
public final class LocalBackend implements Backend, ObjectStore {
  private static final int SLICE = 1024 * 1024;
  private static final int OPEN_PACKS = 64;
  private final Path root;
  private final Map<String, FileChannel> packs =
      new LinkedHashMap<>(OPEN_PACKS * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, FileChannel> eldest) {
          if (size() > OPEN_PACKS) {
            closeQuietly(eldest.getValue());
            return true;
          }
          return false;
        }
      };

  public LocalBackend(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public String location() {
    return root.toString();
  }

  @Override
  public void create() {
    try {
      Files.createDirectories(root);
      for (FileType type : FileType.values()) {
        if (type != FileType.CONFIG) {
          Files.createDirectories(root.resolve(type.folder()));
        }
      }
      HexFormat hex = HexFormat.of();
      for (int i = 0; i < 256; i++) {
        Files.createDirectories(root.resolve("data").resolve(hex.toHexDigits((byte) i)));
      }
    } catch (IOException e) {
      throw failure("cannot create the repository folders in " + root, e);
    }
  }

  @Override
  public void save(FileType type, String name, byte[] data, int length) {
    writeIntoPlace(
        root.resolve(type.path(name)),
        temp -> {
          try (FileChannel out =
              FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            // In slices: the JDK copies each write through a direct buffer it keeps per thread,
            // as big as the biggest write.
            for (int done = 0; done < length; ) {
              ByteBuffer slice = ByteBuffer.wrap(data, done, Math.min(SLICE, length - done));
              while (slice.hasRemaining()) {
                done += out.write(slice);
              }
            }
            out.force(true);
          }
        });
  }

  /**
   * Moves {@code file} into place when it is on this repository's file system (after syncing it),
   * which writes nothing more; copies it otherwise.
   */
  @Override
  public void save(FileType type, String name, Path file) {
    Path target = root.resolve(type.path(name));
    try {
      Files.createDirectories(target.getParent());
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
      Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
      return;
    } catch (AtomicMoveNotSupportedException otherFileSystem) {
      // copied below
    } catch (IOException e) {
      throw failure("cannot store " + target, e);
    }
    writeIntoPlace(
        target,
        temp -> {
          Files.copy(file, temp);
          try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            out.force(true);
          }
        });
  }

  /** Writes a file, synced, to the temporary path it is given. */
  @FunctionalInterface
  private interface TempWriter {
    void write(Path temp) throws IOException;
  }

  /**
   * Has {@code writer} write a new file under a temporary name beside {@code target}, makes it
   * read-only and renames it into place, so that no one ever sees half a file under its name; the
   * temporary file is deleted when anything fails.
   */
  private void writeIntoPlace(Path target, TempWriter writer) {
    Path temp =
        target.resolveSibling(
            "."
                + target.getFileName()
                + ".tmp-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    try {
      Files.createDirectories(target.getParent());
      writer.write(temp);
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("r--------"));
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // The temporary name is not a repository file; restic and hostkeep both skip it.
      }
      throw failure("cannot write " + target, e);
    }
  }

  @Override
  public byte[] load(FileType type, String name) {
    Path file = root.resolve(type.path(name));
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new NotFoundException(file.toString());
    } catch (IOException e) {
      throw failure("cannot read " + file, e);
    }
  }

  @Override
  public byte[] load(FileType type, String name, long offset, int length) {
    byte[] into = new byte[length];
    loadInto(type, name, offset, length, into);
    return into;
  }

  @Override
  public void loadInto(FileType type, String name, long offset, int length, byte[] into) {
    Path file = root.resolve(type.path(name));
    ByteBuffer buffer = ByteBuffer.wrap(into, 0, length);
    try {
      try {
        if (type != FileType.PACK) {
          try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            read(in, file, offset, buffer);
            return;
          }
        }
        read(channel(type, name, file), file, offset, buffer);
      } catch (java.nio.channels.ClosedChannelException evicted) {
        // Another thread's read pushed this pack out of the cache and closed it: open it again.
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
          read(in, file, offset, buffer.clear().limit(length));
        }
      }
    } catch (NoSuchFileException e) {
      throw new NotFoundException(file.toString());
    } catch (IOException e) {
      throw failure("cannot read " + file, e);
    }
  }

  private static void read(FileChannel in, Path file, long offset, ByteBuffer buffer)
      throws IOException {
    long at = offset;
    while (buffer.hasRemaining()) {
      int read = in.read(buffer, at);
      if (read < 0) {
        throw new HostkeepException(
            file
                + " ends before byte "
                + (offset + buffer.limit())
                + " (it has "
                + in.size()
                + ")");
      }
      at += read;
    }
  }

  /**
   * An open channel on a pack: restores and checks read many blobs from each pack, and opening the
   * file for each one cost more than reading it. Other files are opened for each read.
   */
  private FileChannel channel(FileType type, String name, Path file) throws IOException {
    if (type != FileType.PACK) {
      return FileChannel.open(file, StandardOpenOption.READ);
    }
    synchronized (packs) {
      FileChannel open = packs.get(name);
      if (open != null && open.isOpen()) {
        return open;
      }
    }
    FileChannel opened = FileChannel.open(file, StandardOpenOption.READ);
    synchronized (packs) {
      FileChannel raced = packs.putIfAbsent(name, opened);
      if (raced != null && raced.isOpen()) {
        opened.close();
        return raced;
      }
      packs.put(name, opened);
      return opened;
    }
  }

  @Override
  public boolean exists(FileType type, String name) {
    return Files.isRegularFile(root.resolve(type.path(name)));
  }

  @Override
  public List<Entry> list(FileType type) {
    List<Entry> entries = new ArrayList<>();
    Path folder = root.resolve(type.folder());
    try {
      if (type == FileType.PACK) {
        if (Files.isDirectory(folder)) {
          try (DirectoryStream<Path> subfolders = Files.newDirectoryStream(folder)) {
            for (Path sub : subfolders) {
              if (Files.isDirectory(sub)) {
                listInto(sub, entries);
              }
            }
          }
        }
      } else if (type == FileType.CONFIG) {
        Path config = root.resolve("config");
        if (Files.isRegularFile(config)) {
          entries.add(new Entry("config", Files.size(config)));
        }
      } else if (Files.isDirectory(folder)) {
        listInto(folder, entries);
      }
    } catch (IOException e) {
      throw failure("cannot list " + folder, e);
    }
    return entries;
  }

  private static void listInto(Path folder, List<Entry> entries) throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (!name.startsWith(".")) {
          try {
            entries.add(new Entry(name, Files.size(file)));
          } catch (NoSuchFileException e) {
            // Removed while we listed it (a prune or an unlock elsewhere); it is not there.
          }
        }
      }
    }
  }

  @Override
  public void remove(FileType type, String name) {
    Path file = root.resolve(type.path(name));
    if (type == FileType.PACK) {
      FileChannel open;
      synchronized (packs) {
        open = packs.remove(name);
      }
      closeQuietly(open);
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw failure("cannot delete " + file, e);
    }
  }

  @Override
  public long put(String key, Content content) throws IOException {
    Path target = root.resolve(ObjectStore.checkKey(key));
    Path temp =
        target.resolveSibling(
            "."
                + target.getFileName()
                + ".tmp-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    Files.createDirectories(target.getParent());
    try {
      long stored;
      try (FileChannel channel =
              FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          Counting out =
              new Counting(
                  new java.io.BufferedOutputStream(
                      java.nio.channels.Channels.newOutputStream(channel), 1 << 16))) {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        content.writeTo(out);
        out.flush();
        channel.force(true);
        stored = out.count();
      }
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("r--------"));
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      return stored;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @Override
  public java.io.InputStream open(String key) {
    Path file = root.resolve(ObjectStore.checkKey(key));
    try {
      return Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new NotFoundException(file.toString());
    } catch (IOException e) {
      throw failure("cannot read " + file, e);
    }
  }

  @Override
  public List<Entry> list(String prefix) {
    List<Entry> entries = new ArrayList<>();
    int slash = prefix.lastIndexOf('/');
    Path folder = slash < 0 ? root : root.resolve(prefix.substring(0, slash));
    if (!Files.isDirectory(folder)) {
      return entries;
    }
    try (java.util.stream.Stream<Path> files = Files.walk(folder)) {
      files
          .filter(Files::isRegularFile)
          .forEach(
              file -> {
                String key = root.relativize(file).toString();
                if (key.startsWith(prefix) && !("/" + key).contains("/.")) {
                  try {
                    entries.add(new Entry(key, Files.size(file)));
                  } catch (IOException gone) {
                    // removed while we listed it: it is not there
                  }
                }
              });
    } catch (IOException | UncheckedIOException e) {
      throw HostkeepException.retriable("cannot list " + folder + ": " + e.getMessage(), e);
    }
    return entries;
  }

  @Override
  public void delete(String key) {
    Path file = root.resolve(ObjectStore.checkKey(key));
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw failure("cannot delete " + file, e);
    }
  }

  @Override
  public void close() {
    synchronized (packs) {
      packs.values().forEach(LocalBackend::closeQuietly);
      packs.clear();
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // read-only: nothing is lost
      }
    }
  }

  private static HostkeepException failure(String message, IOException e) {
    return HostkeepException.retriable(message + ": " + describe(e), new UncheckedIOException(e));
  }

  private static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
