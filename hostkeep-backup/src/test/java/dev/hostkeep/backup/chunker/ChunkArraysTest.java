package dev.hostkeep.backup.chunker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The pool hands arrays back out instead of leaving them to the collector, within its bounds. */
class ChunkArraysTest {
  private static final int KIB = 1024;
  private static final int MIB = 1024 * KIB;

  @Test
  void anArrayGivenBackIsTakenAgainForAChunkOfItsSizeOrUpToFourTimesSmaller() {
    ChunkArrays arrays = new ChunkArrays();
    byte[] first = arrays.take(700 * KIB);
    assertThat(first).hasSize(MIB);
    arrays.give(first);
    assertThat(arrays.take(600 * KIB)).isSameAs(first);

    arrays.give(first);
    assertThat(arrays.take(200 * KIB)).as("a quarter of its size").isSameAs(first);
    arrays.give(first);
    assertThat(arrays.take(100 * KIB)).as("an eighth: too wasteful").isNotSameAs(first);
    assertThat(arrays.take(2 * MIB)).as("bigger than it").isNotSameAs(first).hasSize(2 * MIB);
  }

  @Test
  void theSmallestAndTheLargestGetArraysOfTheirOwnExactSize() {
    ChunkArrays arrays = new ChunkArrays();
    assertThat(arrays.take(100)).hasSize(100);
    assertThat(arrays.take(Chunker.MAX_SIZE + 32)).hasSize(Chunker.MAX_SIZE + 32);
    byte[] odd = new byte[Chunker.MAX_SIZE + 32];
    arrays.give(odd);
    assertThat(arrays.take(Chunker.MAX_SIZE + 32)).isNotSameAs(odd);
  }

  @Test
  void atMostSixteenMebibytesWaitInThePool() {
    ChunkArrays arrays = new ChunkArrays();
    byte[] a = arrays.take(Chunker.MAX_SIZE);
    byte[] b = arrays.take(Chunker.MAX_SIZE);
    byte[] c = arrays.take(Chunker.MAX_SIZE);
    arrays.give(a);
    arrays.give(b);
    arrays.give(c);
    byte[] one = arrays.take(Chunker.MAX_SIZE);
    byte[] two = arrays.take(Chunker.MAX_SIZE);
    byte[] three = arrays.take(Chunker.MAX_SIZE);
    assertThat(one == a || one == b).as("the first kept one comes back").isTrue();
    assertThat(two == a || two == b).as("so does the second").isTrue();
    assertThat(one).isNotSameAs(two);
    assertThat(three).as("the third was not kept").isNotSameAs(c);
  }
}
