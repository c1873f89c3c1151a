package io.dhcpstate.model;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.Violation;
import io.dhcpstate.internal.Checks;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address as a value: parsed once, compared and hashed by value, printed in
 * canonical form (dotted quad, or RFC 5952 for IPv6). Parsing never consults DNS. Instances are
 * immutable and thread-safe.
 */
public final class IpAddress implements Comparable<IpAddress> {
  private final long high;
  private final long low;
  private final IpVersion version;

  private IpAddress(IpVersion version, long high, long low) {
    this.version = version;
    this.high = high;
    this.low = low;
  }

  /**
   * Returns the IPv4 address with the given 32-bit value.
   *
   * @param value the address as an unsigned 32-bit number
   * @return the address
   */
  public static IpAddress ofV4(int value) {
    return new IpAddress(IpVersion.V4, 0, Integer.toUnsignedLong(value));
  }

  /**
   * Returns the IPv6 address with the given 128-bit value.
   *
   * @param high the upper 64 bits
   * @param low the lower 64 bits
   * @return the address
   */
  public static IpAddress ofV6(long high, long low) {
    return new IpAddress(IpVersion.V6, high, low);
  }

  /**
   * Returns the address held in 4 or 16 bytes, network order.
   *
   * @param bytes 4 bytes for IPv4, 16 for IPv6
   * @return the address
   * @throws IllegalArgumentException if the length is neither 4 nor 16
   */
  public static IpAddress ofBytes(byte[] bytes) {
    if (bytes.length == 4) {
      return ofV4(
          (bytes[0] & 0xff) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8
              | (bytes[3] & 0xff));
    }
    if (bytes.length == 16) {
      long h = 0;
      long l = 0;
      for (int i = 0; i < 8; i++) {
        h = h << 8 | (bytes[i] & 0xff);
        l = l << 8 | (bytes[i + 8] & 0xff);
      }
      return ofV6(h, l);
    }
    throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + bytes.length);
  }

  /**
   * Parses an IPv4 dotted quad (no leading zeros) or an IPv6 address (no zone id).
   *
   * @param text the address text
   * @return the address
   * @throws InvalidResourceException if {@code text} is not an address
   */
  public static IpAddress parse(String text) {
    return tryParse(text)
        .orElseThrow(
            () ->
                new InvalidResourceException(
                    Violation.of("value", null, "ip", text, "not an IPv4 or IPv6 address")));
  }

  /**
   * Parses an address, or returns empty if {@code text} is not one.
   *
   * @param text the address text, may be {@code null}
   * @return the address, or empty
   */
  public static Optional<IpAddress> tryParse(String text) {
    if (text == null || text.isEmpty() || text.length() > 45) {
      return Optional.empty();
    }
    return text.indexOf(':') >= 0 ? parseV6(text) : parseV4(text).map(IpAddress::ofV4);
  }

  private static Optional<Integer> parseV4(String text) {
    int value = 0;
    int parts = 0;
    int i = 0;
    int n = text.length();
    while (i < n) {
      int start = i;
      int part = 0;
      while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9' && i - start < 3) {
        part = part * 10 + (text.charAt(i) - '0');
        i++;
      }
      int len = i - start;
      if (len == 0 || part > 255 || (len > 1 && text.charAt(start) == '0')) {
        return Optional.empty();
      }
      value = value << 8 | part;
      parts++;
      if (i < n) {
        if (text.charAt(i) != '.' || parts == 4 || i == n - 1) {
          return Optional.empty();
        }
        i++;
      }
    }
    return parts == 4 ? Optional.of(value) : Optional.empty();
  }

  private static Optional<IpAddress> parseV6(String text) {
    // Split into groups around at most one "::"; the last group may be an IPv4 dotted quad.
    int dbl = text.indexOf("::");
    if (dbl >= 0 && text.indexOf("::", dbl + 1) >= 0) {
      return Optional.empty();
    }
    int[] groups = new int[8];
    int count = 0;
    String head = dbl >= 0 ? text.substring(0, dbl) : text;
    String tail = dbl >= 0 ? text.substring(dbl + 2) : "";
    // An embedded dotted quad may only end the address, so the head may hold one only when
    // there is no "::" after it.
    int[] headGroups = groups(head, dbl < 0);
    int[] tailGroups = dbl >= 0 ? groups(tail, true) : new int[0];
    if (headGroups == null || tailGroups == null) {
      return Optional.empty();
    }
    int total = headGroups.length + tailGroups.length;
    if (dbl < 0 ? total != 8 : total > 7) {
      return Optional.empty();
    }
    for (int g : headGroups) {
      groups[count++] = g;
    }
    count = 8 - tailGroups.length;
    for (int g : tailGroups) {
      groups[count++] = g;
    }
    long h = 0;
    long l = 0;
    for (int i = 0; i < 4; i++) {
      h = h << 16 | groups[i];
      l = l << 16 | groups[i + 4];
    }
    return Optional.of(ofV6(h, l));
  }

  /** Parses colon-separated hex groups; a trailing dotted quad counts as two groups. */
  private static int[] groups(String part, boolean allowV4Tail) {
    if (part.isEmpty()) {
      return new int[0];
    }
    String[] fields = part.split(":", -1);
    int extra = 0;
    String last = fields[fields.length - 1];
    Optional<Integer> v4 = Optional.empty();
    if (allowV4Tail && last.indexOf('.') >= 0) {
      v4 = parseV4(last);
      if (v4.isEmpty()) {
        return null;
      }
      extra = 1;
    }
    int[] out = new int[fields.length + extra];
    int hexFields = v4.isPresent() ? fields.length - 1 : fields.length;
    for (int i = 0; i < hexFields; i++) {
      String f = fields[i];
      if (f.isEmpty() || f.length() > 4) {
        return null;
      }
      int v = 0;
      for (int k = 0; k < f.length(); k++) {
        int d = Checks.hexDigit(f.charAt(k));
        if (d < 0) {
          return null;
        }
        v = v << 4 | d;
      }
      out[i] = v;
    }
    if (v4.isPresent()) {
      out[hexFields] = v4.get() >>> 16;
      out[hexFields + 1] = v4.get() & 0xffff;
    }
    return out;
  }

  /**
   * Returns this address's IP version.
   *
   * @return {@link IpVersion#V4} or {@link IpVersion#V6}
   */
  public IpVersion version() {
    return version;
  }

  /**
   * Returns the upper 64 bits of an IPv6 address, 0 for IPv4.
   *
   * @return the upper bits
   */
  public long high() {
    return high;
  }

  /**
   * Returns the lower 64 bits of an IPv6 address, or the IPv4 address as an unsigned number.
   *
   * @return the lower bits
   */
  public long low() {
    return low;
  }

  /**
   * Returns the IPv4 address as a 32-bit number.
   *
   * @return the address bits
   * @throws IllegalStateException if this is an IPv6 address
   */
  public int v4Bits() {
    if (version != IpVersion.V4) {
      throw new IllegalStateException("not an IPv4 address: " + this);
    }
    return (int) low;
  }

  /**
   * Tells whether this is the unspecified address, {@code 0.0.0.0} or {@code ::}.
   *
   * @return true for the unspecified address
   */
  public boolean isUnspecified() {
    return high == 0 && low == 0;
  }

  /**
   * Returns the address {@code delta} further on, wrapping within the address space.
   *
   * @param delta how far to move, may be negative
   * @return the moved address, of the same version
   */
  public IpAddress plus(long delta) {
    if (version == IpVersion.V4) {
      return ofV4((int) (low + delta));
    }
    long l = low + delta;
    long h = high;
    if (delta >= 0 && Long.compareUnsigned(l, low) < 0) {
      h++;
    } else if (delta < 0 && Long.compareUnsigned(l, low) > 0) {
      h--;
    }
    return ofV6(h, l);
  }

  /**
   * Returns the address in network byte order.
   *
   * @return 4 or 16 bytes
   */
  public byte[] toBytes() {
    int n = version == IpVersion.V4 ? 4 : 16;
    byte[] b = new byte[n];
    if (n == 4) {
      for (int i = 0; i < 4; i++) {
        b[i] = (byte) (low >>> (24 - 8 * i));
      }
    } else {
      for (int i = 0; i < 8; i++) {
        b[i] = (byte) (high >>> (56 - 8 * i));
        b[i + 8] = (byte) (low >>> (56 - 8 * i));
      }
    }
    return b;
  }

  /**
   * Returns this address as a {@link InetAddress}, without any name lookup.
   *
   * @return the JDK address
   */
  public InetAddress toInetAddress() {
    try {
      return InetAddress.getByAddress(toBytes());
    } catch (UnknownHostException e) {
      throw new AssertionError("4 or 16 bytes are always an address", e);
    }
  }

  @Override
  public int compareTo(IpAddress o) {
    int c = version.compareTo(o.version);
    if (c != 0) {
      return c;
    }
    c = Long.compareUnsigned(high, o.high);
    return c != 0 ? c : Long.compareUnsigned(low, o.low);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpAddress a && a.low == low && a.high == high && a.version == version;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(high * 31 + low) ^ version.ordinal();
  }

  /** Returns the canonical text: a dotted quad, or RFC 5952 IPv6. */
  @Override
  public String toString() {
    if (version == IpVersion.V4) {
      return (low >>> 24 & 0xff) + "." + (low >>> 16 & 0xff) + "." + (low >>> 8 & 0xff) + "."
          + (low & 0xff);
    }
    int[] g = new int[8];
    for (int i = 0; i < 4; i++) {
      g[i] = (int) (high >>> (48 - 16 * i)) & 0xffff;
      g[i + 4] = (int) (low >>> (48 - 16 * i)) & 0xffff;
    }
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.toString();
  }
}
