package dev.hostkeep.backup.repo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every blob the repository's index files list, by id, plus those packed during this run. When
 * several packs hold a blob (a crash before an index was written, two clients at once) the first
 * one read is used. Safe for concurrent use.
 */
public final class Index {
  private final Map<Id, PackedBlob> data = new ConcurrentHashMap<>();
  private final Map<Id, PackedBlob> trees = new ConcurrentHashMap<>();
  private final Set<Id> packs = ConcurrentHashMap.newKeySet();

  void addAll(Collection<PackedBlob> blobs) {
    blobs.forEach(this::add);
  }

  void add(PackedBlob blob) {
    map(blob.type()).putIfAbsent(blob.id(), blob);
    packs.add(blob.pack());
  }

  public PackedBlob find(BlobType type, Id id) {
    return map(type).get(id);
  }

  public boolean has(BlobType type, Id id) {
    return map(type).containsKey(id);
  }

  /** Whether any index lists {@code pack}. */
  public boolean hasPack(Id pack) {
    return packs.contains(pack);
  }

  /** The blobs of each pack, as the index knows them. */
  public Map<Id, List<PackedBlob>> byPack() {
    Map<Id, List<PackedBlob>> byPack = new HashMap<>();
    for (BlobType type : BlobType.values()) {
      for (PackedBlob blob : map(type).values()) {
        byPack.computeIfAbsent(blob.pack(), pack -> new ArrayList<>()).add(blob);
      }
    }
    return byPack;
  }

  private Map<Id, PackedBlob> map(BlobType type) {
    return type == BlobType.DATA ? data : trees;
  }
}
