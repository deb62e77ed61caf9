package dev.hostkeep.backup.repo;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A file in {@code keys/}: a password's scrypt parameters and the master key sealed with the key
 * scrypt derives from that password. Plain JSON, as restic stores it.
 */
record KeyFile(
    @JsonProperty("created") String created,
    @JsonProperty("username") String username,
    @JsonProperty("hostname") String hostname,
    @JsonProperty("kdf") String kdf,
    @JsonProperty("N") int n,
    @JsonProperty("r") int r,
    @JsonProperty("p") int p,
    @JsonProperty("salt") byte[] salt,
    @JsonProperty("data") byte[] data) {

  /** The master key inside, as JSON before sealing. */
  record Master(@JsonProperty("mac") Mac mac, @JsonProperty("encrypt") byte[] encrypt) {}

  record Mac(@JsonProperty("k") byte[] k, @JsonProperty("r") byte[] r) {}
}
