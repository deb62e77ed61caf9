package dev.hostkeep.backup.repo;

import dev.hostkeep.backup.storage.Backend;
import dev.hostkeep.backup.storage.FileType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Frees the space that forgotten snapshots held, as {@code restic prune} does. A {@link #plan}
 * finds every blob some snapshot still uses, then sorts the packs: packs with nothing used are
 * deleted, fully used ones stay, and partly used ones are repacked (their used blobs copied into
 * new packs) until the unused space left is within {@code maxUnused} of the repository; partly used
 * tree packs are always repacked, as they are small and read often. Packs no index lists (left by
 * an interrupted backup) are deleted too.
 *
 * <p>{@link #apply} works in the one order that is safe at every instant, even if it is killed: new
 * packs, then the new index, then the old index files are deleted, then the old packs. Blobs are
 * copied as they are stored (still encrypted and compressed) after each was decrypted and checked
 * against its id, so damage is never copied; a damaged used blob stops the prune before anything is
 * deleted. The caller holds an exclusive lock.
 */
public final class Pruner {
  private static final int BLOBS_PER_INDEX = 50_000;

  private final Repository repository;
  private final double maxUnused;

  /**
   * @param maxUnused the share of the repository that may stay unused after the prune (restic's
   *     {@code --max-unused}, 0.05 by default); 0 repacks every partly used pack
   */
  public Pruner(Repository repository, double maxUnused) {
    if (maxUnused < 0 || maxUnused >= 1) {
      throw new IllegalArgumentException("maxUnused must be in [0, 1), got " + maxUnused);
    }
    this.repository = repository;
    this.maxUnused = maxUnused;
  }

  /** What a prune will do, and what the repository holds before and after. */
  public record Plan(
      int snapshots,
      long usedBlobs,
      long usedBytes,
      long unusedBlobs,
      long unusedBytes,
      int totalPacks,
      long totalBytes,
      List<Id> deletePacks,
      long deleteBytes,
      List<Id> repackPacks,
      long repackBlobs,
      long repackBytes,
      long repackFreedBytes,
      int unindexedPacks,
      long unusedAfter,
      List<String> oldIndexFiles,
      Map<Id, List<PackedBlob>> keptPacks,
      Map<Id, List<PackedBlob>> copies) {

    /** Whether there is nothing to delete or repack. */
    public boolean nothingToDo() {
      return deletePacks.isEmpty() && repackPacks.isEmpty();
    }

    /** Bytes the prune frees: deleted packs and the unused parts of repacked ones. */
    public long freedBytes() {
      return deleteBytes + repackFreedBytes;
    }
  }

  /** What was done. */
  public record Result(
      int packsWritten, int packsDeleted, int indexFilesWritten, long freedBytes) {}

  /**
   * Finds what is used and what can go; changes nothing.
   *
   * @throws RepositoryException when a snapshot uses a blob no index lists, or the index lists a
   *     pack that is missing: pruning then could lose data, and {@code check} says more
   */
  public Plan plan(Consumer<String> progress) {
    Map<String, IndexFile> indexFiles = repository.readIndexFiles();
    Map<Id, List<PackedBlob>> byPack = new HashMap<>();
    for (IndexFile file : indexFiles.values()) {
      for (PackedBlob blob : file.blobs()) {
        byPack.computeIfAbsent(blob.pack(), p -> new ArrayList<>()).add(blob);
      }
    }
    Map<Id, Long> stored = new HashMap<>();
    for (Backend.Entry entry : repository.backend().list(FileType.PACK)) {
      if (Id.isId(entry.name())) {
        stored.put(Id.parse(entry.name()), entry.size());
      }
    }
    for (Id pack : byPack.keySet()) {
      if (!stored.containsKey(pack)) {
        throw new RepositoryException(
            "the index lists pack "
                + pack
                + ", which is missing from "
                + repository.backend().location()
                + "; not pruning (see 'hostkeep repo check')");
      }
    }

    List<Snapshot.Stored> snapshots = repository.snapshots();
    progress.accept("finding the data " + snapshots.size() + " snapshot(s) use");
    Set<Id> usedTrees = new HashSet<>();
    Set<Id> usedData = new HashSet<>();
    walk(snapshots, usedTrees, usedData);

    // One copy of each used blob is the one kept; other copies count as unused.
    Set<Id> keptTrees = new HashSet<>();
    Set<Id> keptData = new HashSet<>();
    Map<Id, List<PackedBlob>> keptHere = new HashMap<>();
    long usedBlobs = 0;
    long usedBytes = 0;
    long unusedBlobs = 0;
    long unusedBytes = 0;
    Map<Id, long[]> usage = new LinkedHashMap<>(); // pack -> {used bytes, unused bytes, trees}
    List<Id> packs = new ArrayList<>(byPack.keySet());
    packs.sort(Comparator.naturalOrder());
    for (Id pack : packs) {
      long[] counts = new long[3];
      List<PackedBlob> kept = new ArrayList<>();
      for (PackedBlob blob : byPack.get(pack)) {
        boolean tree = blob.type() == BlobType.TREE;
        Set<Id> used = tree ? usedTrees : usedData;
        Set<Id> keptSet = tree ? keptTrees : keptData;
        if (used.contains(blob.id()) && keptSet.add(blob.id())) {
          counts[0] += blob.length();
          usedBlobs++;
          usedBytes += blob.length();
          kept.add(blob);
        } else {
          counts[1] += blob.length();
          unusedBlobs++;
          unusedBytes += blob.length();
        }
        if (tree) {
          counts[2] = 1;
        }
      }
      usage.put(pack, counts);
      keptHere.put(pack, kept);
    }
    for (Id id : usedTrees) {
      if (!keptTrees.contains(id)) {
        throw missing("tree", id);
      }
    }
    for (Id id : usedData) {
      if (!keptData.contains(id)) {
        throw missing("data", id);
      }
    }

    List<Id> delete = new ArrayList<>();
    long deleteBytes = 0;
    List<Id> repack = new ArrayList<>();
    List<Id> partlyUsedData = new ArrayList<>();
    for (Map.Entry<Id, long[]> entry : usage.entrySet()) {
      long[] counts = entry.getValue();
      if (counts[0] == 0) {
        delete.add(entry.getKey());
        deleteBytes += stored.get(entry.getKey());
      } else if (counts[1] > 0) {
        if (counts[2] == 1) {
          repack.add(entry.getKey());
        } else {
          partlyUsedData.add(entry.getKey());
        }
      }
    }
    int unindexed = 0;
    for (Map.Entry<Id, Long> entry : stored.entrySet()) {
      if (!byPack.containsKey(entry.getKey())) {
        delete.add(entry.getKey());
        deleteBytes += entry.getValue();
        unindexed++;
      }
    }

    long unusedLeft = 0;
    for (Id pack : partlyUsedData) {
      unusedLeft += usage.get(pack)[1];
    }
    long allowed = (long) (usedBytes * maxUnused / (1 - maxUnused));
    partlyUsedData.sort(
        Comparator.comparingLong((Id pack) -> usage.get(pack)[1])
            .reversed()
            .thenComparing(Comparator.naturalOrder()));
    for (Id pack : partlyUsedData) {
      if (unusedLeft <= allowed) {
        break;
      }
      repack.add(pack);
      unusedLeft -= usage.get(pack)[1];
    }

    long repackBlobs = 0;
    long repackBytes = 0;
    long repackFreed = 0;
    Map<Id, List<PackedBlob>> copies = new LinkedHashMap<>();
    for (Id pack : repack) {
      List<PackedBlob> kept = keptHere.get(pack);
      copies.put(pack, kept);
      repackBlobs += kept.size();
      repackBytes += usage.get(pack)[0];
      repackFreed += stored.get(pack) - usage.get(pack)[0];
    }
    Set<Id> going = new HashSet<>(delete);
    going.addAll(repack);
    Map<Id, List<PackedBlob>> keptPacks = new LinkedHashMap<>();
    long totalBytes = 0;
    for (Id pack : packs) {
      if (!going.contains(pack)) {
        keptPacks.put(pack, byPack.get(pack));
      }
    }
    for (long size : stored.values()) {
      totalBytes += size;
    }
    return new Plan(
        snapshots.size(),
        usedBlobs,
        usedBytes,
        unusedBlobs,
        unusedBytes,
        stored.size(),
        totalBytes,
        List.copyOf(delete),
        deleteBytes,
        List.copyOf(repack),
        repackBlobs,
        repackBytes,
        repackFreed,
        unindexed,
        unusedLeft,
        List.copyOf(indexFiles.keySet()),
        keptPacks,
        copies);
  }

  /** Carries out {@code plan} in the safe order. */
  public Result apply(Plan plan, Consumer<String> progress) {
    if (plan.nothingToDo()) {
      return new Result(0, 0, 0, 0);
    }
    Backend backend = repository.backend();
    PackSaver saver = repository.repackSaver();
    int written;
    try {
      if (!plan.repackPacks().isEmpty()) {
        progress.accept(
            "repacking "
                + plan.repackBlobs()
                + " blob(s) from "
                + plan.repackPacks().size()
                + " pack(s)");
      }
      for (Map.Entry<Id, List<PackedBlob>> entry : plan.copies().entrySet()) {
        if (entry.getValue().isEmpty()) {
          continue;
        }
        byte[] bytes = backend.load(FileType.PACK, entry.getKey().toString());
        for (PackedBlob blob : entry.getValue()) {
          int offset = Math.toIntExact(blob.offset());
          repository.open(blob, bytes, offset); // throws when damaged: nothing deleted yet
          saver.saveSealed(
              blob.type(),
              blob.id(),
              Arrays.copyOfRange(bytes, offset, offset + blob.length()),
              blob.uncompressedLength());
        }
      }
      saver.flush(); // new packs, and the index of them
      written = saver.packsWritten();
    } finally {
      saver.close();
    }

    progress.accept("writing the new index");
    List<PackedBlob> batch = new ArrayList<>();
    int indexFiles = 0;
    for (List<PackedBlob> blobs : plan.keptPacks().values()) {
      batch.addAll(blobs);
      if (batch.size() >= BLOBS_PER_INDEX) {
        repository.files().save(FileType.INDEX, RepoJson.write(IndexFile.of(batch, List.of())));
        indexFiles++;
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      repository.files().save(FileType.INDEX, RepoJson.write(IndexFile.of(batch, List.of())));
      indexFiles++;
    }
    progress.accept("deleting " + plan.oldIndexFiles().size() + " old index file(s)");
    for (String old : plan.oldIndexFiles()) {
      backend.remove(FileType.INDEX, old);
    }
    List<Id> packs = new ArrayList<>(plan.repackPacks());
    packs.addAll(plan.deletePacks());
    progress.accept("deleting " + packs.size() + " pack(s)");
    for (Id pack : packs) {
      backend.remove(FileType.PACK, pack.toString());
    }
    return new Result(
        written, packs.size(), indexFiles + saver.indexFilesWritten(), plan.freedBytes());
  }

  private void walk(List<Snapshot.Stored> snapshots, Set<Id> trees, Set<Id> data) {
    Deque<Id> pending = new ArrayDeque<>();
    for (Snapshot.Stored snapshot : snapshots) {
      Id root = snapshot.snapshot().treeId();
      if (trees.add(root)) {
        pending.push(root);
      }
    }
    while (!pending.isEmpty()) {
      Id id = pending.pop();
      if (!repository.index().has(BlobType.TREE, id)) {
        throw missing("tree", id);
      }
      Tree tree = Tree.decode(repository.loadBlob(BlobType.TREE, id), id);
      for (Node node : tree.nodes()) {
        if (node.isDir() && node.subtree() != null) {
          Id subtree = Id.parse(node.subtree());
          if (trees.add(subtree)) {
            pending.push(subtree);
          }
        } else if (node.isFile()) {
          data.addAll(node.contentIds());
        }
      }
    }
  }

  private RepositoryException missing(String type, Id id) {
    return new RepositoryException(
        "a snapshot uses "
            + type
            + " blob "
            + id
            + ", which no index lists; not pruning (see 'hostkeep repo check')");
  }
}
