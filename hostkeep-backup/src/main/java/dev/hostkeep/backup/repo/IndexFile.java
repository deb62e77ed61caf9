package dev.hostkeep.backup.repo;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
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

  /**
   * Reads an index file's JSON token by token, with the rules Jackson's data binding of this record
   * follows (unknown fields skipped, null or missing ones empty): every command reads the whole
   * index first, tens of thousands of blobs, and binding each through reflection cost three times
   * as much.
   */
  static IndexFile decode(byte[] json, String what) {
    try (JsonParser in = RepoJson.MAPPER.createParser(json)) {
      RepoJson.expect(in.nextToken(), JsonToken.START_OBJECT, in, "an index");
      List<String> supersedes = null;
      List<Pack> packs = null;
      while (in.nextToken() == JsonToken.FIELD_NAME) {
        String field = in.currentName();
        JsonToken value = in.nextToken();
        if (value == JsonToken.VALUE_NULL) {
          continue;
        }
        switch (field) {
          case "supersedes" -> {
            RepoJson.expect(value, JsonToken.START_ARRAY, in, "a list of indexes");
            supersedes = new ArrayList<>();
            for (JsonToken t = in.nextToken(); t != JsonToken.END_ARRAY; t = in.nextToken()) {
              supersedes.add(t == JsonToken.VALUE_NULL ? null : in.getValueAsString());
            }
          }
          case "packs" -> packs = RepoJson.objects(in, value, "pack", IndexFile::pack);
          default -> in.skipChildren();
        }
      }
      return new IndexFile(supersedes, packs);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new RepositoryException(what + " is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new RepositoryException(what + " cannot be read: " + e.getMessage());
    }
  }

  private static Pack pack(JsonParser in) throws IOException {
    String id = null;
    List<Blob> blobs = null;
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      String field = in.currentName();
      JsonToken value = in.nextToken();
      if (field.equals("id")) {
        id = value == JsonToken.VALUE_NULL ? null : in.getValueAsString();
      } else if (field.equals("blobs")) {
        blobs = RepoJson.objects(in, value, "blob", IndexFile::blob);
      } else {
        in.skipChildren();
      }
    }
    return new Pack(id, blobs);
  }

  private static Blob blob(JsonParser in) throws IOException {
    String id = null;
    String type = null;
    long offset = 0;
    long length = 0;
    long uncompressed = 0;
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      String field = in.currentName();
      JsonToken value = in.nextToken();
      switch (field) {
        case "id" -> id = value == JsonToken.VALUE_NULL ? null : in.getValueAsString();
        case "type" -> type = value == JsonToken.VALUE_NULL ? null : in.getValueAsString();
        case "offset" -> offset = RepoJson.number(in, value);
        case "length" -> length = RepoJson.number(in, value);
        case "uncompressed_length" -> uncompressed = RepoJson.number(in, value);
        default -> in.skipChildren();
      }
    }
    if (length > Integer.MAX_VALUE || uncompressed > Integer.MAX_VALUE) {
      throw new IOException("blob " + id + " is longer than any blob can be");
    }
    return new Blob(id, type, offset, (int) length, (int) uncompressed);
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
