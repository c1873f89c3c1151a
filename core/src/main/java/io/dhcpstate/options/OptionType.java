package io.dhcpstate.options;

/**
 * The value type of a DHCP option: what text a value may hold and how it is normalised.
 *
 * <p>Every type shares the character rules of {@link DhcpOption#normalize(String)} (printable
 * ASCII only; no line breaks, NUL or other control characters; no quotes or backslashes; no
 * {@code tag:} or {@code set:}); each constant below adds its own syntax. Addresses are of
 * the option's IP version. Values are written without the brackets dnsmasq wants around IPv6
 * addresses (brackets are accepted on input and dropped); a driver adds them. Immutable and
 * thread-safe.
 */
public enum OptionType {
  /** One IP address, such as {@code 10.0.0.1}; normalised to canonical text (RFC 5952). */
  IP,
  /**
   * A comma-separated list of IP addresses, such as {@code 10.0.0.1,10.0.0.2}; spaces around
   * elements are dropped. May be empty, which tells the server to send the option with no
   * value (dnsmasq's way to suppress a default router or DNS server).
   */
  IP_LIST,
  /** An unsigned 8-bit decimal number, 0 to 255; leading zeros are dropped. */
  INT8,
  /** An unsigned 16-bit decimal number, 0 to 65535; leading zeros are dropped. */
  INT16,
  /**
   * An unsigned 32-bit decimal number, 0 to 4294967295, such as a lease time in seconds;
   * leading zeros are dropped. Suffixes ({@code 1h}) and {@code infinite} are not accepted.
   */
  INT32,
  /** A flag: {@code 0}, {@code 1}, {@code true} or {@code false} (any case); normalised to 0/1. */
  BOOL,
  /**
   * A single text item: printable ASCII without commas, quotes or backslashes, not starting or
   * ending with a space, and with no {@code #} right after a space (dnsmasq would read it as a
   * comment). Kept as given.
   */
  STRING,
  /**
   * One DNS name of RFC 1123 labels, such as {@code example.org}; normalised to lower case
   * without a trailing dot.
   */
  DOMAIN_NAME,
  /**
   * A comma-separated list of DNS names (a domain search list); spaces around elements are
   * dropped and names normalised as {@link #DOMAIN_NAME}. May be empty, like {@link #IP_LIST}.
   */
  DOMAIN_LIST,
  /**
   * Classless static routes as dnsmasq writes them: comma-separated {@code cidr,nexthop}
   * pairs, such as {@code 169.254.169.254/32,10.0.0.1,0.0.0.0/0,10.0.0.1}. Each destination has
   * no host bits set. May be empty, like {@link #IP_LIST}.
   */
  ROUTES,
  /**
   * Colon-separated hex bytes of one or two digits, such as {@code 01:fa:16:3e:00:00:01};
   * normalised to two lower-case digits per byte. A client identifier that is not colon hex
   * is accepted as a {@link #STRING} instead, as dnsmasq's {@code id:} does.
   */
  HEX;

  /**
   * Tells whether a value of this type is a comma-separated list (commas allowed).
   *
   * @return true for {@link #IP_LIST}, {@link #DOMAIN_LIST} and {@link #ROUTES}
   */
  public boolean isList() {
    return this == IP_LIST || this == DOMAIN_LIST || this == ROUTES;
  }

  /**
   * Tells whether an empty value is allowed: only for lists, where it means "send the option
   * with no value".
   *
   * @return true for the list types
   */
  public boolean allowsEmpty() {
    return isList();
  }
}
