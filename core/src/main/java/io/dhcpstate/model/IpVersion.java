package io.dhcpstate.model;

/** The IP protocol version of an address, prefix, subnet or DHCP option. */
public enum IpVersion {
  /** IPv4: 32-bit addresses, DHCPv4. */
  V4(4, 32),
  /** IPv6: 128-bit addresses, DHCPv6. */
  V6(6, 128);

  private final int number;
  private final int bits;

  IpVersion(int number, int bits) {
    this.number = number;
    this.bits = bits;
  }

  /**
   * Returns the version number, 4 or 6.
   *
   * @return 4 or 6
   */
  public int number() {
    return number;
  }

  /**
   * Returns the address length in bits, 32 or 128.
   *
   * @return 32 or 128
   */
  public int bits() {
    return bits;
  }

  /**
   * Returns the version with the given number.
   *
   * @param number 4 or 6
   * @return the version
   * @throws IllegalArgumentException if {@code number} is neither 4 nor 6
   */
  public static IpVersion of(int number) {
    return switch (number) {
      case 4 -> V4;
      case 6 -> V6;
      default -> throw new IllegalArgumentException("IP version must be 4 or 6, was " + number);
    };
  }
}
