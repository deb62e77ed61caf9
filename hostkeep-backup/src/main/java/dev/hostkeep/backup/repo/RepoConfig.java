package dev.hostkeep.backup.repo;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The repository's {@code config} file: its format version, id and the chunker polynomial every
 * client must use for its content-defined chunks to match.
 */
public record RepoConfig(
    @JsonProperty("version") int version,
    @JsonProperty("id") String id,
    @JsonProperty("chunker_polynomial") String chunkerPolynomial) {

  /** Whether blobs and metadata files may be zstd-compressed (repository version 2). */
  public boolean compressed() {
    return version >= 2;
  }

  /** The polynomial as a number. */
  public long polynomial() {
    return Long.parseUnsignedLong(chunkerPolynomial, 16);
  }
}
