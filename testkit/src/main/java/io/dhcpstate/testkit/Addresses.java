package io.dhcpstate.testkit;

import static io.dhcpstate.testkit.Draws.between;
import static io.dhcpstate.testkit.Draws.bits;

import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.IpPrefix;
import io.dhcpstate.model.IpVersion;
import io.dhcpstate.model.MacAddress;
import org.quicktheories.core.RandomnessSource;

/** Draws of MACs, addresses and prefixes, and the address arithmetic the generators share. */
final class Addresses {
  /** The group (multicast) bit of a MAC's first octet. */
  static final long GROUP_BIT = 1L << 40;
  /** The locally administered bit of a MAC's first octet. */
  static final long LOCAL_BIT = 1L << 41;
  private static final long OPENSTACK_OUI = 0xfa163eL << 24;

  private Addresses() {}

  /** A unicast, non-zero MAC: often OpenStack's {@code fa:16:3e} prefix, else any. */
  static MacAddress mac(RandomnessSource rs) {
    long value = between(rs, 0, 2) == 0
        ? OPENSTACK_OUI | between(rs, 0L, 0xff_ffffL)
        : between(rs, 0L, 0xffff_ffff_ffffL);
    value &= ~GROUP_BIT;
    return MacAddress.of(value == 0 ? 1 : value);
  }

  /** An IPv4 address: any of the 2^32, or one in a private range. */
  static IpAddress ipv4(RandomnessSource rs) {
    switch (between(rs, 0, 3)) {
      case 0:
        return IpAddress.ofV4(0x0a00_0000 | between(rs, 0, 0xff_ffff));
      case 1:
        return IpAddress.ofV4(0xc0a8_0000 | between(rs, 0, 0xffff));
      default:
        return IpAddress.ofV4((int) between(rs, 0L, 0xffff_ffffL));
    }
  }

  /**
   * An IPv6 address: any of the 2^128, or one in the documentation, link-local or
   * IPv4-mapped ranges.
   */
  static IpAddress ipv6(RandomnessSource rs) {
    switch (between(rs, 0, 4)) {
      case 0:
        return IpAddress.ofV6(0x2001_0db8_0000_0000L | between(rs, 0L, 0xffff_ffffL), bits(rs));
      case 1:
        return IpAddress.ofV6(0xfe80_0000_0000_0000L, bits(rs));
      case 2:
        return IpAddress.ofV6(0, 0xffff_0000_0000L | between(rs, 0L, 0xffff_ffffL));
      default:
        return IpAddress.ofV6(bits(rs), bits(rs));
    }
  }

  /** An address of the given version. */
  static IpAddress ip(RandomnessSource rs, IpVersion version) {
    return version == IpVersion.V4 ? ipv4(rs) : ipv6(rs);
  }

  /** A prefix of the given version: a random address masked to a random length. */
  static IpPrefix prefix(RandomnessSource rs, IpVersion version) {
    int length = between(rs, 0, version.bits());
    return new IpPrefix(mask(ip(rs, version), length), length);
  }

  /** Clears the host bits of an address. */
  static IpAddress mask(IpAddress ip, int length) {
    if (ip.version() == IpVersion.V4) {
      int m = length == 0 ? 0 : -1 << (32 - length);
      return IpAddress.ofV4(ip.v4Bits() & m);
    }
    long hm = length >= 64 ? -1L : length == 0 ? 0 : -1L << (64 - length);
    long lm = length <= 64 ? 0 : length == 128 ? -1L : -1L << (128 - length);
    return IpAddress.ofV6(ip.high() & hm, ip.low() & lm);
  }

  /**
   * An address inside a prefix, neither its first nor (for IPv4) its last address when the
   * prefix has more than two; any address of a /31, /32, /127 or /128.
   */
  static IpAddress inside(RandomnessSource rs, IpPrefix cidr) {
    int hostBits = cidr.version().bits() - cidr.prefixLength();
    if (hostBits <= 1) {
      return cidr.address().plus(between(rs, 0, (1 << hostBits) - 1));
    }
    long max = hostBits >= 63 ? Long.MAX_VALUE : (1L << hostBits) - 2;
    IpAddress a = cidr.address().plus(between(rs, 1L, max));
    if (hostBits > 64) {
      long highHostMask = hostBits >= 128 ? -1L : (1L << (hostBits - 64)) - 1;
      a = IpAddress.ofV6(a.high() | (bits(rs) & highHostMask), a.low());
    }
    return a;
  }
}
