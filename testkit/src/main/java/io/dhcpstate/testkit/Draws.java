package io.dhcpstate.testkit;

import java.util.List;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Primitive draws from a QuickTheories {@link RandomnessSource}, shared by the generators.
 * Every value a generator makes comes from these draws, so it is determined by the theory's
 * seed and shrinks with it. Draws shrink towards their lower bound.
 */
final class Draws {
  /** Letters and digits: the characters that may start an identifier or a DNS label. */
  static final String ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  /** Characters an identifier may hold after its first. */
  static final String ID_CHARS = ALNUM + "._-";
  /** Characters a DNS label may hold between its ends. */
  static final String LABEL_CHARS = ALNUM + "-";

  private Draws() {}

  /** Draws a long in {@code [min, max]}, both included. */
  static long between(RandomnessSource rs, long min, long max) {
    return min == max ? min : rs.next(Constraint.between(min, max));
  }

  /** Draws an int in {@code [min, max]}, both included. */
  static int between(RandomnessSource rs, int min, int max) {
    return (int) between(rs, (long) min, (long) max);
  }

  /** Draws a boolean that is true with probability about {@code percent}/100. */
  static boolean chance(RandomnessSource rs, int percent) {
    return between(rs, 0, 99) < percent;
  }

  /** Draws one element of a non-empty list. */
  static <T> T pick(RandomnessSource rs, List<T> list) {
    return list.get(between(rs, 0, list.size() - 1));
  }

  /** Draws one character of a non-empty string. */
  static char pick(RandomnessSource rs, String chars) {
    return chars.charAt(between(rs, 0, chars.length() - 1));
  }

  /**
   * Small numbers cut from 63-bit draws, seven bytes a draw: how the generators draw the
   * characters of long strings cheaply. Each draw shrinks towards 0, so a shrunk string is
   * made of the first characters of its alphabet. Not thread-safe; use one per value.
   */
  static final class Bytes {
    private final RandomnessSource rs;
    private long bits;
    private int left;

    Bytes(RandomnessSource rs) {
      this.rs = rs;
    }

    /** Returns a number in {@code [0, bound)}, {@code bound} at most 256. */
    int next(int bound) {
      if (left == 0) {
        bits = rs.next(Constraint.between(0, Long.MAX_VALUE));
        left = 7;
      }
      int b = (int) (bits & 0xff);
      bits >>>= 8;
      left--;
      return b % bound;
    }

    /** Returns one character of a string of at most 256 characters. */
    char pick(String chars) {
      return chars.charAt(next(chars.length()));
    }

    /** Returns true with probability about {@code percent}/100. */
    boolean chance(int percent) {
      return next(100) < percent;
    }
  }

  /** Draws 64 random bits. */
  static long bits(RandomnessSource rs) {
    return rs.next(Constraint.none());
  }

  /**
   * A bijection of {@code [0, 2^bits)}: {@code (offset + i * stride) mod 2^bits}. With an odd
   * stride every {@code i < 2^bits} maps to a different value, which is how the generators make
   * unique MACs and addresses without retrying.
   */
  static long spread(long i, long offset, long oddStride, int bits) {
    long mask = bits >= 64 ? -1L : (1L << bits) - 1;
    return (offset + i * (oddStride | 1)) & mask;
  }

  /** Returns the number of bits needed to count to {@code n}: the least b with 2^b >= n. */
  static int bitsFor(long n) {
    return n <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(n - 1);
  }
}
