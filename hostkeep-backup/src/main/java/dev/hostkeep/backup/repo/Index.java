package dev.hostkeep.backup.repo;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every blob the repository's index files list, by id, plus those packed during this run. When
 * several packs hold a blob (a crash before an index was written, two clients at once) the first
 * one read is used. Safe for concurrent use.
 *
 * <p>Kept in primitive arrays, about 60 bytes a blob (a map of records took about 150): the index
 * is what grows with a repository, and a backup's memory should not grow much with it.
 */
public final class Index {
  private final Table data = new Table();
  private final Table trees = new Table();
  private final List<Id> packs = new ArrayList<>();
  private final Map<Id, Integer> packNumbers = new HashMap<>();

  void addAll(Collection<PackedBlob> blobs) {
    blobs.forEach(this::add);
  }

  synchronized void add(PackedBlob blob) {
    Integer pack = packNumbers.get(blob.pack());
    if (pack == null) {
      pack = packs.size();
      packs.add(blob.pack());
      packNumbers.put(blob.pack(), pack);
    }
    table(blob.type()).add(blob, pack);
  }

  public synchronized PackedBlob find(BlobType type, Id id) {
    Table table = table(type);
    int at = table.find(id);
    return at < 0 ? null : table.blob(at, id, type, packs);
  }

  public synchronized boolean has(BlobType type, Id id) {
    return table(type).find(id) >= 0;
  }

  /** Whether any index lists {@code pack}. */
  public synchronized boolean hasPack(Id pack) {
    return packNumbers.containsKey(pack);
  }

  /** The blobs of each pack, as the index knows them. */
  public synchronized Map<Id, List<PackedBlob>> byPack() {
    Map<Id, List<PackedBlob>> byPack = new HashMap<>();
    for (BlobType type : BlobType.values()) {
      Table table = table(type);
      for (int at = 0; at < table.size; at++) {
        PackedBlob blob = table.blob(at, table.id(at), type, packs);
        byPack.computeIfAbsent(blob.pack(), pack -> new ArrayList<>()).add(blob);
      }
    }
    return byPack;
  }

  private Table table(BlobType type) {
    return type == BlobType.DATA ? data : trees;
  }

  /**
   * The blobs of one type: entry {@code i} has its id in {@code ids[4i..4i+3]} and the rest in the
   * other arrays at {@code i}; {@code slots} is an open-addressing hash table of entry numbers + 1.
   */
  private static final class Table {
    private long[] ids = new long[4 * 16];
    private int[] packs = new int[16];
    private long[] offsets = new long[16];
    private int[] lengths = new int[16];
    private int[] uncompressed = new int[16];
    private int[] slots = new int[32];
    private int size;

    int find(Id id) {
      long a = word(id, 0);
      long b = word(id, 1);
      long c = word(id, 2);
      long d = word(id, 3);
      int mask = slots.length - 1;
      for (int slot = (int) a & mask; ; slot = (slot + 1) & mask) {
        int entry = slots[slot] - 1;
        if (entry < 0) {
          return -1;
        }
        int at = 4 * entry;
        if (ids[at] == a && ids[at + 1] == b && ids[at + 2] == c && ids[at + 3] == d) {
          return entry;
        }
      }
    }

    void add(PackedBlob blob, int pack) {
      if (find(blob.id()) >= 0) {
        return; // the first pack read keeps it
      }
      if (size == packs.length) {
        grow();
      }
      for (int i = 0; i < 4; i++) {
        ids[4 * size + i] = word(blob.id(), i);
      }
      packs[size] = pack;
      offsets[size] = blob.offset();
      lengths[size] = blob.length();
      uncompressed[size] = blob.uncompressedLength();
      size++;
      if (2 * size > slots.length) {
        rehash(2 * slots.length);
      } else {
        place(size - 1);
      }
    }

    PackedBlob blob(int at, Id id, BlobType type, List<Id> packIds) {
      return new PackedBlob(
          id, type, packIds.get(packs[at]), offsets[at], lengths[at], uncompressed[at]);
    }

    Id id(int at) {
      ByteBuffer bytes = ByteBuffer.allocate(32);
      for (int i = 0; i < 4; i++) {
        bytes.putLong(ids[4 * at + i]);
      }
      return Id.ofDigest(bytes.array());
    }

    private void grow() {
      int capacity = packs.length * 2;
      ids = Arrays.copyOf(ids, 4 * capacity);
      packs = Arrays.copyOf(packs, capacity);
      offsets = Arrays.copyOf(offsets, capacity);
      lengths = Arrays.copyOf(lengths, capacity);
      uncompressed = Arrays.copyOf(uncompressed, capacity);
    }

    private void rehash(int capacity) {
      slots = new int[capacity];
      for (int entry = 0; entry < size; entry++) {
        place(entry);
      }
    }

    private void place(int entry) {
      int mask = slots.length - 1;
      int slot = (int) ids[4 * entry] & mask;
      while (slots[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = entry + 1;
    }

    /** Word {@code i} of an id's 32 bytes; the first is as good a hash as any (a SHA-256). */
    private static long word(Id id, int i) {
      return id.word(i);
    }
  }
}
