package io.dhcpstate.model;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.Violation;
import java.util.Objects;
import java.util.Optional;

/**
 * An IP network in CIDR notation, such as {@code 10.0.0.0/24} or {@code 2001:db8::/64}: a
 * network address with no host bits set, and a prefix length. Immutable and thread-safe.
 *
 * @param address the network address; its host bits are zero
 * @param prefixLength the prefix length, 0 to 32 for IPv4 and 0 to 128 for IPv6
 */
public record IpPrefix(IpAddress address, int prefixLength) {

  /**
   * Checks the prefix length and that no host bits are set.
   *
   * @throws InvalidResourceException if the length is out of range or host bits are set
   */
  public IpPrefix {
    Objects.requireNonNull(address, "address");
    if (prefixLength < 0 || prefixLength > address.version().bits()) {
      throw new InvalidResourceException(
          Violation.of("value", null, "cidr", address + "/" + prefixLength,
              "prefix length must be 0.." + address.version().bits()));
    }
    if (!mask(address, prefixLength).equals(address)) {
      throw new InvalidResourceException(
          Violation.of("value", null, "cidr", address + "/" + prefixLength,
              "host bits are set; the network is " + mask(address, prefixLength) + "/"
                  + prefixLength));
    }
  }

  /**
   * Parses {@code address/length}.
   *
   * @param text the CIDR text
   * @return the prefix
   * @throws InvalidResourceException if the text is not a CIDR or host bits are set
   */
  public static IpPrefix parse(String text) {
    return tryParseLenient(text)
        .map(p -> new IpPrefix(p.address, p.length))
        .orElseThrow(
            () ->
                new InvalidResourceException(
                    Violation.of("value", null, "cidr", text, "not an address/length CIDR")));
  }

  private record Parts(IpAddress address, int length) {}

  private static Optional<Parts> tryParseLenient(String text) {
    if (text == null) {
      return Optional.empty();
    }
    int slash = text.indexOf('/');
    if (slash <= 0 || slash == text.length() - 1 || text.length() - slash > 4) {
      return Optional.empty();
    }
    String len = text.substring(slash + 1);
    for (int i = 0; i < len.length(); i++) {
      if (len.charAt(i) < '0' || len.charAt(i) > '9') {
        return Optional.empty();
      }
    }
    if (len.length() > 1 && len.charAt(0) == '0') {
      return Optional.empty();
    }
    return IpAddress.tryParse(text.substring(0, slash))
        .map(a -> new Parts(a, Integer.parseInt(len)));
  }

  /**
   * Returns the IP version of this prefix.
   *
   * @return the version of its address
   */
  public IpVersion version() {
    return address.version();
  }

  /**
   * Tells whether an address lies inside this prefix.
   *
   * @param ip the address
   * @return true if {@code ip} has this version and this network part
   */
  public boolean contains(IpAddress ip) {
    return ip.version() == version() && mask(ip, prefixLength).equals(address);
  }

  /**
   * Tells whether this prefix shares any address with another.
   *
   * @param other the other prefix
   * @return true if they overlap
   */
  public boolean overlaps(IpPrefix other) {
    return other.version() == version()
        && (contains(other.address) || other.contains(address));
  }

  /**
   * Returns the last address of the prefix (the IPv4 broadcast address).
   *
   * @return the highest address inside the prefix
   */
  public IpAddress lastAddress() {
    int hostBits = version().bits() - prefixLength;
    long lowOnes = hostBits >= 64 ? -1L : hostBits == 0 ? 0 : (1L << hostBits) - 1;
    long highOnes = hostBits <= 64 ? 0 : hostBits == 128 ? -1L : (1L << (hostBits - 64)) - 1;
    if (version() == IpVersion.V4) {
      return IpAddress.ofV4((int) (address.low() | lowOnes));
    }
    return IpAddress.ofV6(address.high() | highOnes, address.low() | lowOnes);
  }

  /**
   * Returns the IPv4 netmask, such as {@code 255.255.255.0} for a /24.
   *
   * @return the netmask
   * @throws IllegalStateException for an IPv6 prefix
   */
  public IpAddress netmask() {
    if (version() != IpVersion.V4) {
      throw new IllegalStateException("IPv6 prefixes have no netmask: " + this);
    }
    return IpAddress.ofV4(prefixLength == 0 ? 0 : -1 << (32 - prefixLength));
  }

  /**
   * Returns the number of addresses in the prefix, capped at {@link Long#MAX_VALUE}.
   *
   * @return the size, saturated
   */
  public long size() {
    int hostBits = version().bits() - prefixLength;
    return hostBits >= 63 ? Long.MAX_VALUE : 1L << hostBits;
  }

  private static IpAddress mask(IpAddress ip, int length) {
    if (ip.version() == IpVersion.V4) {
      int m = length == 0 ? 0 : -1 << (32 - length);
      return IpAddress.ofV4(ip.v4Bits() & m);
    }
    long hm = length >= 64 ? -1L : length == 0 ? 0 : -1L << (64 - length);
    long lm = length <= 64 ? 0 : length == 128 ? -1L : -1L << (128 - length);
    return IpAddress.ofV6(ip.high() & hm, ip.low() & lm);
  }

  /** Returns {@code address/length}. */
  @Override
  public String toString() {
    return address + "/" + prefixLength;
  }
}
