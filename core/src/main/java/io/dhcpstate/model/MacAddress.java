package io.dhcpstate.model;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.Violation;
import io.dhcpstate.internal.Checks;
import java.util.Optional;

/**
 * A 48-bit Ethernet MAC address as a value, printed as six lowercase hex octets separated by
 * colons. Immutable and thread-safe.
 */
public final class MacAddress implements Comparable<MacAddress> {
  private final long bits;

  private MacAddress(long bits) {
    this.bits = bits;
  }

  /**
   * Returns the MAC with the given 48 low bits.
   *
   * @param bits the address in the low 48 bits; higher bits must be zero
   * @return the address
   * @throws IllegalArgumentException if bits above 48 are set
   */
  public static MacAddress of(long bits) {
    if ((bits & ~0xffff_ffff_ffffL) != 0) {
      throw new IllegalArgumentException("a MAC has 48 bits: " + Long.toHexString(bits));
    }
    return new MacAddress(bits);
  }

  /**
   * Returns the MAC held in the first six bytes of an array, such as a DHCP chaddr.
   *
   * @param bytes at least six bytes
   * @return the address
   * @throws IllegalArgumentException if fewer than six bytes are given
   */
  public static MacAddress ofBytes(byte[] bytes) {
    if (bytes.length < 6) {
      throw new IllegalArgumentException("a MAC needs 6 bytes, got " + bytes.length);
    }
    long v = 0;
    for (int i = 0; i < 6; i++) {
      v = v << 8 | (bytes[i] & 0xff);
    }
    return new MacAddress(v);
  }

  /**
   * Parses six hex octets separated by {@code :} or {@code -}, such as
   * {@code fa:16:3e:00:00:01}; case does not matter.
   *
   * @param text the MAC text
   * @return the address
   * @throws InvalidResourceException if {@code text} is not a MAC
   */
  public static MacAddress parse(String text) {
    return tryParse(text)
        .orElseThrow(
            () ->
                new InvalidResourceException(
                    Violation.of("value", null, "mac", text, "not a MAC address")));
  }

  /**
   * Parses a MAC, or returns empty if {@code text} is not one.
   *
   * @param text the MAC text, may be {@code null}
   * @return the address, or empty
   */
  public static Optional<MacAddress> tryParse(String text) {
    if (text == null || text.length() != 17) {
      return Optional.empty();
    }
    char sep = text.charAt(2);
    if (sep != ':' && sep != '-') {
      return Optional.empty();
    }
    long v = 0;
    for (int i = 0; i < 6; i++) {
      int hi = Checks.hexDigit(text.charAt(3 * i));
      int lo = Checks.hexDigit(text.charAt(3 * i + 1));
      if (hi < 0 || lo < 0 || (i < 5 && text.charAt(3 * i + 2) != sep)) {
        return Optional.empty();
      }
      v = v << 8 | hi << 4 | lo;
    }
    return Optional.of(new MacAddress(v));
  }

  /**
   * Returns the address as a number in the low 48 bits.
   *
   * @return the bits
   */
  public long bits() {
    return bits;
  }

  /**
   * Tells whether this is a unicast address (the group bit of the first octet is clear).
   *
   * @return true for unicast
   */
  public boolean isUnicast() {
    return (bits >>> 40 & 1) == 0;
  }

  /**
   * Tells whether every bit is zero.
   *
   * @return true for {@code 00:00:00:00:00:00}
   */
  public boolean isZero() {
    return bits == 0;
  }

  /**
   * Returns the six octets, first octet first.
   *
   * @return a new array of six bytes
   */
  public byte[] toBytes() {
    byte[] b = new byte[6];
    for (int i = 0; i < 6; i++) {
      b[i] = (byte) (bits >>> (40 - 8 * i));
    }
    return b;
  }

  @Override
  public int compareTo(MacAddress o) {
    return Long.compare(bits, o.bits);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MacAddress m && m.bits == bits;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(bits * 0x9E3779B97F4A7C15L);
  }

  /** Returns the address as {@code aa:bb:cc:dd:ee:ff}. */
  @Override
  public String toString() {
    char[] c = new char[17];
    for (int i = 0; i < 6; i++) {
      int octet = (int) (bits >>> (40 - 8 * i)) & 0xff;
      c[3 * i] = Character.forDigit(octet >>> 4, 16);
      c[3 * i + 1] = Character.forDigit(octet & 0xf, 16);
      if (i < 5) {
        c[3 * i + 2] = ':';
      }
    }
    return new String(c);
  }
}
