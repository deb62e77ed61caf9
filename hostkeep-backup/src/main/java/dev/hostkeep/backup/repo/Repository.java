package dev.hostkeep.backup.repo;

import dev.hostkeep.backup.chunker.ChunkArrays;
import dev.hostkeep.backup.chunker.Polynomial;
import dev.hostkeep.backup.storage.Backend;
import dev.hostkeep.backup.storage.FileType;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * An open restic-format repository: its config, its master key, its index, and the reading and
 * writing of blobs, trees and snapshots on top of a {@link Backend}. Blob writes go through a pack
 * saver that packs, seals and uploads concurrently; {@link #flush} makes them durable and indexed,
 * and only then may a snapshot refer to them.
 */
public final class Repository implements AutoCloseable {

  private final Backend backend;
  private final RepoConfig config;
  private final Keys.Opened opened;
  private final Unpacked files;
  private final Index index = new Index();
  // a snapshot file is named by the hash of its content, so what it decodes to never changes
  private final java.util.Map<Id, Snapshot> snapshotsRead =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final Options options;
  private PackSaver saver;

  /** How blobs are written; {@link #defaults()} suits local disks and object stores alike. */
  /**
   * How a session writes: compression, the pack size, upload threads, randomness, and the folder
   * packs are assembled in before they are stored ({@code java.io.tmpdir}, i.e. {@code $TMPDIR}, by
   * default; a pack there is moved into a local repository on the same file system, copied
   * otherwise).
   */
  public record Options(
      Compression compression, int packSize, int uploaders, SecureRandom random, Path spool) {
    public static Options defaults() {
      return new Options(
          Compression.AUTO,
          16 * 1024 * 1024,
          2,
          new SecureRandom(),
          Path.of(System.getProperty("java.io.tmpdir")));
    }
  }

  private Repository(Backend backend, RepoConfig config, Keys.Opened opened, Options options) {
    this.backend = backend;
    this.config = config;
    this.opened = opened;
    this.options = options;
    this.files = new Unpacked(backend, opened.master(), config.compressed());
  }

  /** Creates a repository of format {@code version} (2 compresses; 1 is for old clients). */
  public static Repository init(
      Backend backend, String password, int version, Keys.Origin origin, Options options) {
    if (version != 1 && version != 2) {
      throw new RepositoryException("repository version " + version + " does not exist (1 or 2)");
    }
    if (backend.initialized()) {
      throw new RepositoryException(
          "there is already a repository at " + backend.location() + "; refusing to overwrite it");
    }
    backend.create();
    MasterKey master = MasterKey.random(options.random());
    byte[] id = new byte[32];
    options.random().nextBytes(id);
    long polynomial = Polynomial.randomIrreducible(options.random());
    RepoConfig config =
        new RepoConfig(version, HexFormat.of().formatHex(id), Long.toHexString(polynomial));
    String keyId =
        new Keys(backend, options.random()).add(master, password, Keys.Kdf.DEFAULT, origin);
    new Unpacked(backend, master, false).saveConfig(RepoJson.write(config));
    return new Repository(backend, config, new Keys.Opened(master, keyId), options);
  }

  /** Opens the repository with {@code password}; the index is read by {@link #loadIndex}. */
  public static Repository open(Backend backend, String password, Options options) {
    if (!backend.initialized()) {
      throw new RepositoryException(
          "there is no repository at "
              + backend.location()
              + " (no config file); create one with"
              + " 'hostkeep repo init'");
    }
    Keys.Opened opened = new Keys(backend, options.random()).open(password);
    byte[] json = new Unpacked(backend, opened.master(), false).load(FileType.CONFIG, "config");
    RepoConfig config = RepoJson.read(json, RepoConfig.class, "config");
    if (config.version() != 1 && config.version() != 2) {
      throw new RepositoryException(
          backend.location()
              + " is repository version "
              + config.version()
              + ", which this hostkeep does not know (it reads 1 and 2)");
    }
    return new Repository(backend, config, opened, options);
  }

  public Backend backend() {
    return backend;
  }

  public RepoConfig config() {
    return config;
  }

  public Index index() {
    return index;
  }

  public Keys keys() {
    return new Keys(backend, options.random());
  }

  /** Adds a key file that opens this repository with {@code password}; returns its id. */
  public String addKey(String password, Keys.Origin origin) {
    return keys().add(opened.master(), password, Keys.Kdf.DEFAULT, origin);
  }

  /** The key file this session opened the repository with. */
  public String keyId() {
    return opened.keyId();
  }

  Unpacked files() {
    return files;
  }

  MasterKey masterKey() {
    return opened.master();
  }

  /** Reads every index file, a few at a time. */
  public void loadIndex() {
    readIndexFiles().values().forEach(file -> index.addAll(file.blobs()));
  }

  /** Every index file by name, read a few at a time. */
  Map<String, IndexFile> readIndexFiles() {
    List<Backend.Entry> entries =
        backend.list(FileType.INDEX).stream().filter(e -> Id.isId(e.name())).toList();
    Map<String, IndexFile> read = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(8, Math.max(1, entries.size())));
    try {
      List<Future<?>> reads = new ArrayList<>();
      for (Backend.Entry entry : entries) {
        reads.add(
            pool.submit(
                () -> {
                  byte[] json = files.load(FileType.INDEX, entry.name());
                  read.put(entry.name(), IndexFile.decode(json, "index " + entry.name()));
                }));
      }
      for (Future<?> future : reads) {
        future.get();
      }
      return read;
    } catch (ExecutionException e) {
      switch (e.getCause()) {
        case RuntimeException r -> throw r;
        case Error error -> throw error;
        case Throwable cause ->
            throw new RepositoryException(
                "cannot read the repository's index: " + cause.getMessage(), cause);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RepositoryException("interrupted while reading the index");
    } finally {
      pool.shutdownNow();
    }
  }

  /** A new pack saver that stores every blob it is given, whatever the index holds. */
  PackSaver repackSaver() {
    return new PackSaver(
        backend,
        opened.master(),
        files,
        new Index(),
        Compression.OFF,
        options.packSize(),
        options.uploaders(),
        options.spool());
  }

  /** A blob's plaintext, verified against its id. */
  public byte[] loadBlob(BlobType type, Id id) {
    PackedBlob blob = indexed(type, id);
    byte[] sealed =
        backend.load(FileType.PACK, blob.pack().toString(), blob.offset(), blob.length());
    return open(blob, sealed, 0);
  }

  /**
   * Writes a blob's plaintext, verified against its id, to {@code out} and returns its length. The
   * sealed, decrypted and decompressed bytes go through arrays taken from {@code arrays} and given
   * back after, so a restore does not leave the gigabytes it reads behind as garbage.
   */
  public int writeBlob(BlobType type, Id id, ChunkArrays arrays, java.io.OutputStream out)
      throws java.io.IOException {
    PackedBlob blob = indexed(type, id);
    byte[] sealed = arrays.take(blob.length());
    byte[] plain = null;
    byte[] unpacked = null;
    try {
      backend.loadInto(FileType.PACK, blob.pack().toString(), blob.offset(), blob.length(), sealed);
      plain = arrays.take(Math.max(0, blob.length() - MasterKey.OVERHEAD));
      unpacked = blob.compressed() ? arrays.take(blob.uncompressedLength()) : null;
      int length = openInto(blob, sealed, 0, plain, unpacked);
      out.write(blob.compressed() ? unpacked : plain, 0, length);
      return length;
    } finally {
      arrays.give(sealed);
      if (plain != null) {
        arrays.give(plain);
      }
      if (unpacked != null) {
        arrays.give(unpacked);
      }
    }
  }

  private PackedBlob indexed(BlobType type, Id id) {
    PackedBlob blob = index.find(type, id);
    if (blob == null) {
      throw new RepositoryException(type.json() + " blob " + id + " is not in the index");
    }
    return blob;
  }

  /**
   * Indexes the packs no index lists, which a run killed before writing its index leaves behind, so
   * that the next backup reuses what was already uploaded instead of uploading it again. Packs
   * whose header is unreadable are left alone (check reports them). Returns the packs added.
   */
  public int adoptUnindexedPacks() {
    List<PackedBlob> found = new ArrayList<>();
    int packs = 0;
    for (Backend.Entry entry : backend.list(FileType.PACK)) {
      if (!Id.isId(entry.name()) || index.hasPack(Id.parse(entry.name()))) {
        continue;
      }
      try {
        found.addAll(packHeader(Id.parse(entry.name()), entry.size()));
        packs++;
      } catch (RepositoryException damaged) {
        // Not ours to judge here; 'check' reports it and 'prune' removes it.
      }
    }
    if (!found.isEmpty()) {
      files.save(FileType.INDEX, RepoJson.write(IndexFile.of(found, List.of())));
      index.addAll(found);
    }
    return packs;
  }

  /** The blobs a pack's own header lists; {@code size} is the pack file's size. */
  public List<PackedBlob> packHeader(Id pack, long size) {
    int tail = (int) Math.min(size, 4 + 64 * 1024);
    byte[] end = backend.load(FileType.PACK, pack.toString(), size - tail, tail);
    return PackHeader.read(opened.master(), pack, end, size);
  }

  /** The blobs listed in the header of a whole pack held in {@code bytes}. */
  public List<PackedBlob> packHeader(Id pack, byte[] bytes) {
    return PackHeader.read(opened.master(), pack, bytes, bytes.length);
  }

  /** Decrypts, decompresses and verifies one blob found at {@code offset} in {@code bytes}. */
  public byte[] open(PackedBlob blob, byte[] bytes, int offset) {
    byte[] plain = new byte[Math.max(0, blob.length() - MasterKey.OVERHEAD)];
    byte[] unpacked = blob.compressed() ? new byte[blob.uncompressedLength()] : null;
    openInto(blob, bytes, offset, plain, unpacked);
    return blob.compressed() ? unpacked : plain;
  }

  /**
   * Decrypts the blob at {@code offset} of {@code sealed} into {@code plain}, decompresses it into
   * {@code unpacked} when it is compressed, and verifies the plaintext (in {@code unpacked} if
   * compressed, else in {@code plain}) against the blob's id; returns its length.
   */
  private int openInto(PackedBlob blob, byte[] sealed, int offset, byte[] plain, byte[] unpacked) {
    int length;
    try {
      length = opened.master().decryptInto(sealed, offset, blob.length(), plain);
    } catch (MasterKey.MacMismatchException e) {
      throw damaged(blob, "its ciphertext does not verify");
    }
    byte[] data = plain;
    if (blob.compressed()) {
      Compression.decompressInto(
          plain, length, unpacked, blob.uncompressedLength(), "blob " + blob.id());
      data = unpacked;
      length = blob.uncompressedLength();
    }
    if (!Id.of(data, 0, length).equals(blob.id())) {
      throw damaged(blob, "its contents do not match its id");
    }
    return length;
  }

  private static RepositoryException damaged(PackedBlob blob, String why) {
    return new RepositoryException(
        blob.type().json()
            + " blob "
            + blob.id()
            + " in pack "
            + blob.pack()
            + " is damaged: "
            + why);
  }

  /** Stores a blob unless the repository already has it; returns whether it was new. */
  public boolean saveBlob(BlobType type, Id id, byte[] plaintext) {
    return saveBlob(type, id, plaintext, plaintext.length);
  }

  /** Stores the first {@code length} bytes of {@code data} as blob {@code id}, as above. */
  public boolean saveBlob(BlobType type, Id id, byte[] data, int length) {
    return saver().save(type, id, data, length);
  }

  /** Stores a tree blob; returns its id. */
  public Id saveTree(byte[] json) {
    Id id = Id.of(json);
    saveBlob(BlobType.TREE, id, json);
    return id;
  }

  private synchronized PackSaver saver() {
    if (saver == null) {
      Compression compression = config.compressed() ? options.compression() : Compression.OFF;
      saver =
          new PackSaver(
              backend,
              opened.master(),
              files,
              index,
              compression,
              options.packSize(),
              options.uploaders(),
              options.spool());
    }
    return saver;
  }

  /** Bytes of packs this session stored. */
  public synchronized long storedBytes() {
    return saver == null ? 0 : saver.storedBytes();
  }

  /** Waits for every pending pack upload and writes the index of them. */
  public synchronized void flush() {
    if (saver != null) {
      saver.flush();
    }
  }

  public Id saveSnapshot(Snapshot snapshot) {
    return files.save(FileType.SNAPSHOT, RepoJson.write(snapshot));
  }

  public Snapshot loadSnapshot(Id id) {
    Snapshot known = snapshotsRead.get(id);
    if (known != null) {
      return known;
    }
    byte[] json = files.load(FileType.SNAPSHOT, id.toString());
    Snapshot snapshot = RepoJson.read(json, Snapshot.class, "snapshot " + id);
    snapshotsRead.put(id, snapshot);
    return snapshot;
  }

  /**
   * Every snapshot, oldest first: the snapshot folder is listed each time (so removed snapshots are
   * gone and new ones appear), but each snapshot file is read and decrypted only once.
   */
  public List<Snapshot.Stored> snapshots() {
    List<Snapshot.Stored> all = new ArrayList<>();
    for (Backend.Entry entry : backend.list(FileType.SNAPSHOT)) {
      if (Id.isId(entry.name())) {
        Id id = Id.parse(entry.name());
        all.add(new Snapshot.Stored(id, loadSnapshot(id)));
      }
    }
    all.sort(Comparator.comparing(s -> s.snapshot().instant()));
    return all;
  }

  /**
   * The snapshot {@code ref} names: {@code latest}, a full id, or a unique prefix of one (as restic
   * prints them, 8 digits).
   */
  public Snapshot.Stored findSnapshot(String ref) {
    List<Snapshot.Stored> all = snapshots();
    if (ref.equals("latest")) {
      if (all.isEmpty()) {
        throw new RepositoryException(
            "the repository at " + backend.location() + " has no snapshots");
      }
      return all.getLast();
    }
    List<Snapshot.Stored> matches =
        all.stream().filter(s -> s.id().toString().startsWith(ref.toLowerCase())).toList();
    if (matches.size() == 1) {
      return matches.getFirst();
    }
    throw new RepositoryException(
        matches.isEmpty()
            ? "no snapshot "
                + ref
                + " in "
                + backend.location()
                + " (see 'hostkeep repo snapshots')"
            : "'" + ref + "' matches " + matches.size() + " snapshots; give more digits");
  }

  @Override
  public synchronized void close() {
    if (saver != null) {
      saver.close();
    }
    backend.close();
  }
}
