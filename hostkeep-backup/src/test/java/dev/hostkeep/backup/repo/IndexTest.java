package dev.hostkeep.backup.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The index finds what it was given, by type, through every growth of its tables. */
class IndexTest {
  @Test
  void findsEveryBlobItWasGivenAndNothingElse() {
    Random random = new Random(11);
    Index index = new Index();
    List<PackedBlob> blobs = new ArrayList<>();
    Id[] packs = {id(random), id(random), id(random)};
    for (int i = 0; i < 100_000; i++) {
      BlobType type = i % 7 == 0 ? BlobType.TREE : BlobType.DATA;
      int uncompressed = i % 3 == 0 ? 0 : 1000 + i;
      PackedBlob blob =
          new PackedBlob(id(random), type, packs[i % 3], 5_000_000_000L + i, 32 + i, uncompressed);
      blobs.add(blob);
      index.add(blob);
    }

    for (PackedBlob blob : blobs) {
      assertThat(index.find(blob.type(), blob.id())).isEqualTo(blob);
      BlobType other = blob.type() == BlobType.DATA ? BlobType.TREE : BlobType.DATA;
      assertThat(index.has(other, blob.id())).isFalse();
    }
    for (int i = 0; i < 1000; i++) {
      Id unknown = id(random);
      assertThat(index.has(BlobType.DATA, unknown)).isFalse();
      assertThat(index.find(BlobType.TREE, unknown)).isNull();
    }
    assertThat(index.hasPack(packs[1])).isTrue();
    assertThat(index.hasPack(id(random))).isFalse();
  }

  @Test
  void theFirstPackReadKeepsABlobAndByPackListsEachOnce() {
    Random random = new Random(12);
    Id blob = id(random);
    Id first = id(random);
    Id second = id(random);
    Index index = new Index();
    PackedBlob kept = new PackedBlob(blob, BlobType.DATA, first, 0, 100, 0);
    index.add(kept);
    index.add(new PackedBlob(blob, BlobType.DATA, second, 500, 100, 0));
    PackedBlob tree = new PackedBlob(id(random), BlobType.TREE, second, 0, 50, 80);
    index.add(tree);

    assertThat(index.find(BlobType.DATA, blob)).isEqualTo(kept);
    Map<Id, List<PackedBlob>> expected = new HashMap<>();
    expected.put(first, List.of(kept));
    expected.put(second, List.of(tree));
    assertThat(index.byPack()).isEqualTo(expected);
  }

  private static Id id(Random random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Id.ofDigest(bytes);
  }
}
