package dev.hostkeep.backup.chunker;

import java.util.random.RandomGenerator;

/**
 * Polynomials over GF(2) of degree below 64, as restic's chunker uses them: bit {@code i} is the
 * coefficient of {@code x^i}. Each repository has a random irreducible one of degree 53.
 */
public final class Polynomial {
  private static final int DEGREE = 53;

  private Polynomial() {}

  /** A random irreducible polynomial of degree 53, drawn the way restic draws one. */
  public static long randomIrreducible(RandomGenerator random) {
    for (int attempt = 0; attempt < 1_000_000; attempt++) {
      long candidate = random.nextLong() & ((1L << (DEGREE + 1)) - 1);
      candidate |= 1L << DEGREE | 1;
      if (irreducible(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "no irreducible polynomial found; is the random source broken?");
  }

  static int degree(long x) {
    return 63 - Long.numberOfLeadingZeros(x);
  }

  static long mod(long x, long d) {
    int dd = degree(d);
    while (x != 0 && degree(x) >= dd) {
      x ^= d << (degree(x) - dd);
    }
    return x;
  }

  /** Ben-Or's test: {@code gcd(x^(2^i) - x mod f, f) = 1} for every {@code i <= deg(f)/2}. */
  public static boolean irreducible(long f) {
    int half = degree(f) / 2;
    long power = 2; // x, then x^(2^i) by squaring
    for (int i = 1; i <= half; i++) {
      power = mulMod(power, power, f);
      if (gcd(power ^ 2, f) != 1) {
        return false;
      }
    }
    return true;
  }

  static long mulMod(long a, long b, long f) {
    int deg = degree(f);
    long result = 0;
    a = mod(a, f);
    while (b != 0) {
      if ((b & 1) != 0) {
        result ^= a;
      }
      b >>>= 1;
      a <<= 1;
      if ((a >>> deg & 1) != 0) {
        a ^= f;
      }
    }
    return mod(result, f);
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long r = mod(a, b);
      a = b;
      b = r;
    }
    return a;
  }
}
