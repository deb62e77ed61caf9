package dev.hostkeep.backup.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Index files read token by token come out exactly as Jackson's data binding reads them. */
class IndexFileTest {
  @Test
  void whatHostkeepWritesIsReadBackWithEveryBlob() {
    Id pack = Id.of(new byte[] {1});
    Id other = Id.of(new byte[] {2});
    List<PackedBlob> blobs =
        List.of(
            new PackedBlob(Id.of(new byte[] {3}), BlobType.DATA, pack, 0, 1234, 4000),
            new PackedBlob(Id.of(new byte[] {4}), BlobType.TREE, pack, 1234, 99, 0),
            new PackedBlob(Id.of(new byte[] {5}), BlobType.DATA, other, 0, 8_388_640, 0));
    byte[] json = RepoJson.write(IndexFile.of(blobs, List.of(other.toString())));

    IndexFile read = IndexFile.decode(json, "index");

    assertThat(read.blobs()).containsExactlyElementsOf(blobs);
    assertThat(read.supersedes()).containsExactly(other.toString());
    assertThat(RepoJson.write(read)).isEqualTo(json);
  }

  @Test
  void agreesWithDataBindingOnNullsMissingFieldsAndFieldsItDoesNotKnow() {
    String id = Id.of(new byte[] {7}).toString();
    String[] samples = {
      "{}",
      "{\"supersedes\":null,\"packs\":null}",
      "{\"packs\":[{\"id\":\"" + id + "\",\"blobs\":null,\"x\":[1]}],\"extra\":{\"a\":1}}",
      "{\"packs\":[{\"id\":\""
          + id
          + "\",\"blobs\":[{\"id\":\""
          + id
          + "\",\"type\":\"data\","
          + "\"offset\":5,\"length\":40,\"uncompressed_length\":null,\"new\":{}}]}]}"
    };
    for (String sample : samples) {
      byte[] json = sample.getBytes(StandardCharsets.UTF_8);
      assertThat(RepoJson.write(IndexFile.decode(json, "sample")))
          .as(sample)
          .isEqualTo(RepoJson.write(RepoJson.read(json, IndexFile.class, "sample")));
    }
  }

  @Test
  void damagedIndexesAreRefusedNamingThem() {
    for (String sample :
        new String[] {
          "nope",
          "[]",
          "{\"packs\":{}}",
          "{\"packs\":[1]}",
          "{\"packs\":[{\"blobs\":{}}]}",
          "{\"packs\":[{\"blobs\":[{\"length\":\"x\"}]}]}",
          "{\"packs\":[{\"blobs\":[{\"length\":9999999999}]}]}"
        }) {
      assertThatThrownBy(() -> IndexFile.decode(sample.getBytes(StandardCharsets.UTF_8), "index 1"))
          .as(sample)
          .isInstanceOf(RepositoryException.class)
          .hasMessageStartingWith("index 1 ");
    }
  }
}
