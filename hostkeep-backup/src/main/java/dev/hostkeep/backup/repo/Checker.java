package dev.hostkeep.backup.repo;

import dev.hostkeep.backup.storage.Backend;
import dev.hostkeep.backup.storage.FileType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * {@code check}: the index against the packs and their headers, every snapshot's trees and the
 * blobs they name, and (with {@code readData}) every byte of the selected packs decrypted and
 * verified. Damaged data is reported with the snapshots and files it affects.
 */
public final class Checker {
  private final Repository repository;
  private final List<String> errors = new ArrayList<>();
  private final List<String> hints = new ArrayList<>();

  public Checker(Repository repository) {
    this.repository = repository;
  }

  /** What a check found: errors mean data is missing or damaged; hints are harmless leftovers. */
  public record Result(List<String> errors, List<String> hints, int packsRead) {
    public boolean ok() {
      return errors.isEmpty();
    }
  }

  /**
   * Selects packs for {@code --read-data-subset}: {@code n/t}, or a percentage like {@code 10%}.
   */
  public static Predicate<Id> subset(String spec, Random random) {
    if (spec == null) {
      return id -> true;
    }
    if (spec.endsWith("%")) {
      double share = Double.parseDouble(spec.substring(0, spec.length() - 1)) / 100;
      if (!(share > 0 && share <= 1)) {
        throw new IllegalArgumentException(
            "--read-data-subset " + spec + ": give a share in (0%, 100%]");
      }
      return id -> random.nextDouble() < share;
    }
    String[] parts = spec.split("/");
    int n = parts.length == 2 ? Integer.parseInt(parts[0]) : 0;
    int t = parts.length == 2 ? Integer.parseInt(parts[1]) : 0;
    if (t < 1 || n < 1 || n > t) {
      throw new IllegalArgumentException(
          "--read-data-subset " + spec + ": give n/t with 1 <= n <= t");
    }
    return id -> (id.bytes()[0] & 0xff) % t == n - 1;
  }

  public Result check(boolean readData, Predicate<Id> packs) {
    Map<Id, Long> sizes = new HashMap<>();
    for (Backend.Entry entry : repository.backend().list(FileType.PACK)) {
      if (Id.isId(entry.name())) {
        sizes.put(Id.parse(entry.name()), entry.size());
      }
    }
    Map<Id, List<PackedBlob>> indexed = repository.index().byPack();
    Set<Id> damagedBlobs = new HashSet<>();
    int read = 0;
    for (Map.Entry<Id, List<PackedBlob>> pack : indexed.entrySet()) {
      Long size = sizes.get(pack.getKey());
      if (size == null) {
        errors.add("pack " + pack.getKey() + " is in the index but missing from the repository");
        pack.getValue().forEach(b -> damagedBlobs.add(b.id()));
        continue;
      }
      try {
        if (readData && packs.test(pack.getKey())) {
          read++;
          damagedBlobs.addAll(readPack(pack.getKey(), pack.getValue()));
        } else {
          compareHeader(pack.getKey(), repository.packHeader(pack.getKey(), size), pack.getValue());
        }
      } catch (RuntimeException e) {
        errors.add(e.getMessage());
        pack.getValue().forEach(b -> damagedBlobs.add(b.id()));
      }
    }
    long unreferenced = sizes.keySet().stream().filter(id -> !indexed.containsKey(id)).count();
    if (unreferenced > 0) {
      hints.add(
          unreferenced
              + " pack(s) are not in any index (left by an interrupted backup); they are"
              + " harmless, and prune removes them");
    }
    checkSnapshots(damagedBlobs);
    return new Result(List.copyOf(errors), List.copyOf(hints), read);
  }

  private void compareHeader(Id pack, List<PackedBlob> header, List<PackedBlob> indexed) {
    Set<String> inHeader = new HashSet<>();
    for (PackedBlob blob : header) {
      inHeader.add(blob.id() + "@" + blob.offset() + "+" + blob.length());
    }
    for (PackedBlob blob : indexed) {
      if (!inHeader.contains(blob.id() + "@" + blob.offset() + "+" + blob.length())) {
        errors.add(
            "pack " + pack + ": the index places blob " + blob.id() + " where its header does not");
      }
    }
  }

  /** Reads a whole pack and verifies it; returns the ids of the blobs that failed. */
  private Set<Id> readPack(Id pack, List<PackedBlob> indexed) {
    byte[] bytes = repository.backend().load(FileType.PACK, pack.toString());
    Set<Id> bad = new HashSet<>();
    if (!Id.of(bytes).equals(pack)) {
      errors.add("pack " + pack + " is damaged: its contents do not match its name");
    }
    List<PackedBlob> header;
    try {
      header = repository.packHeader(pack, bytes);
      compareHeader(pack, header, indexed);
    } catch (RepositoryException e) {
      errors.add(e.getMessage());
      header = indexed;
    }
    for (PackedBlob blob : header) {
      try {
        if (blob.offset() + blob.length() > bytes.length) {
          throw new RepositoryException(
              "blob " + blob.id() + " lies beyond the end of pack " + pack);
        }
        repository.open(blob, bytes, (int) blob.offset());
      } catch (RepositoryException e) {
        errors.add(e.getMessage());
        bad.add(blob.id());
      }
    }
    return bad;
  }

  private void checkSnapshots(Set<Id> damaged) {
    Set<Id> seenTrees = new HashSet<>();
    for (Snapshot.Stored stored : snapshotsOrReport()) {
      Set<String> affected = new TreeSet<>();
      walk(stored.snapshot().treeId(), "", seenTrees, damaged, affected, stored.id());
      for (String path : affected) {
        errors.add(
            "snapshot " + stored.id().shortForm() + ": " + path + " is damaged or incomplete");
      }
    }
  }

  private List<Snapshot.Stored> snapshotsOrReport() {
    try {
      return repository.snapshots();
    } catch (RepositoryException e) {
      errors.add(e.getMessage());
      return List.of();
    }
  }

  private void walk(
      Id treeId, String prefix, Set<Id> seen, Set<Id> damaged, Set<String> affected, Id snapshot) {
    boolean first = seen.add(treeId);
    if (!first && damaged.isEmpty()) {
      return; // already walked for an earlier snapshot, and nothing is damaged
    }
    if (damaged.contains(treeId)) {
      affected.add(prefix.isEmpty() ? "/" : prefix + " (folder)");
      return;
    }
    Tree tree;
    try {
      tree = Tree.decode(repository.loadBlob(BlobType.TREE, treeId), treeId);
    } catch (RuntimeException e) {
      if (first) {
        errors.add(
            "tree " + treeId + " of snapshot " + snapshot.shortForm() + ": " + e.getMessage());
      }
      affected.add(prefix.isEmpty() ? "/" : prefix + " (folder)");
      return;
    }
    for (Node node : tree.nodes()) {
      String path = prefix + "/" + node.name();
      if (node.isDir()) {
        if (node.subtree() == null) {
          errors.add("snapshot " + snapshot.shortForm() + ": folder " + path + " has no subtree");
        } else {
          walk(Id.parse(node.subtree()), path, seen, damaged, affected, snapshot);
        }
      } else if (node.isFile()) {
        for (Id id : node.contentIds()) {
          if (damaged.contains(id) || !repository.index().has(BlobType.DATA, id)) {
            affected.add(path);
            break;
          }
        }
      }
    }
  }
}
