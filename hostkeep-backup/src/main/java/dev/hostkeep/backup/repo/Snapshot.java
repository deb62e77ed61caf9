package dev.hostkeep.backup.repo;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;

/**
 * A snapshot file's contents in restic's JSON shape: when, which paths, from which host and user,
 * the root tree, and (as restic 0.17 adds) a summary of the run that made it.
 */
@JsonPropertyOrder({
  "time",
  "parent",
  "tree",
  "paths",
  "hostname",
  "username",
  "uid",
  "gid",
  "excludes",
  "tags",
  "original",
  "program_version",
  "summary"
})
public record Snapshot(
    @JsonProperty("time") String time,
    @JsonProperty("parent") String parent,
    @JsonProperty("tree") String tree,
    @JsonProperty("paths") List<String> paths,
    @JsonProperty("hostname") String hostname,
    @JsonProperty("username") String username,
    @JsonProperty("uid") Integer uid,
    @JsonProperty("gid") Integer gid,
    @JsonProperty("excludes") List<String> excludes,
    @JsonProperty("tags") List<String> tags,
    @JsonProperty("original") String original,
    @JsonProperty("program_version") String programVersion,
    @JsonProperty("summary") Summary summary) {

  public Instant instant() {
    return GoTime.parse(time);
  }

  public Id treeId() {
    return Id.parse(tree);
  }

  public List<String> tagList() {
    return tags == null ? List.of() : tags;
  }

  /** What the run that made the snapshot did. */
  public record Summary(
      @JsonProperty("backup_start") String backupStart,
      @JsonProperty("backup_end") String backupEnd,
      @JsonProperty("files_new") long filesNew,
      @JsonProperty("files_changed") long filesChanged,
      @JsonProperty("files_unmodified") long filesUnmodified,
      @JsonProperty("dirs_new") long dirsNew,
      @JsonProperty("dirs_changed") long dirsChanged,
      @JsonProperty("dirs_unmodified") long dirsUnmodified,
      @JsonProperty("data_blobs") long dataBlobs,
      @JsonProperty("tree_blobs") long treeBlobs,
      @JsonProperty("data_added") long dataAdded,
      @JsonProperty("data_added_packed") long dataAddedPacked,
      @JsonProperty("total_files_processed") long totalFilesProcessed,
      @JsonProperty("total_bytes_processed") long totalBytesProcessed) {}

  /** A snapshot and the id of the file it is stored in. */
  public record Stored(Id id, Snapshot snapshot) {}
}
