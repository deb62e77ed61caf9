package dev.hostkeep.backup.repo;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One file in {@code index/}: packs and the blobs each holds, in restic's JSON shape. */
record IndexFile(
    @JsonProperty("supersedes") List<String> supersedes, @JsonProperty("packs") List<Pack> packs) {

  record Pack(@JsonProperty("id") String id, @JsonProperty("blobs") List<Blob> blobs) {}

  record Blob(
      @JsonProperty("id") String id,
      @JsonProperty("type") String type,
      @JsonProperty("offset") long offset,
      @JsonProperty("length") int length,
      @JsonProperty("uncompressed_length") @JsonInclude(JsonInclude.Include.NON_DEFAULT)
          int uncompressedLength) {}

  /** The index of {@code blobs}, grouped by pack in the order given. */
  static IndexFile of(List<PackedBlob> blobs, List<String> supersedes) {
    Map<Id, List<Blob>> byPack = new LinkedHashMap<>();
    for (PackedBlob blob : blobs) {
      byPack
          .computeIfAbsent(blob.pack(), pack -> new ArrayList<>())
          .add(
              new Blob(
                  blob.id().toString(),
                  blob.type().json(),
                  blob.offset(),
                  blob.length(),
                  blob.uncompressedLength()));
    }
    List<Pack> packs = new ArrayList<>();
    byPack.forEach((pack, entries) -> packs.add(new Pack(pack.toString(), entries)));
    return new IndexFile(supersedes.isEmpty() ? null : supersedes, packs);
  }

  /** Every blob this file lists. */
  List<PackedBlob> blobs() {
    List<PackedBlob> blobs = new ArrayList<>();
    if (packs == null) {
      return blobs;
    }
    for (Pack pack : packs) {
      Id packId = Id.parse(pack.id());
      for (Blob blob : pack.blobs() == null ? List.<Blob>of() : pack.blobs()) {
        blobs.add(
            new PackedBlob(
                Id.parse(blob.id()),
                BlobType.ofJson(blob.type()),
                packId,
                blob.offset(),
                blob.length(),
                blob.uncompressedLength()));
      }
    }
    return blobs;
  }
}
