package io.dhcpstate.options;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.Violation;
import io.dhcpstate.model.IpVersion;
import java.util.List;
import java.util.Objects;

/**
 * One DHCP option as the catalogue defines it: its code, IP version, canonical name, other
 * accepted names, value type and where it may be set. Instances come from
 * {@link DhcpOptionCatalogue}; an option with a code the catalogue does not name is
 * <em>opaque</em>: its name is its code and its type {@link OptionType#STRING}. Immutable and
 * thread-safe.
 *
 * <p>One entry is not a real option: {@code server-ip-address} (DHCPv4 code 255, as dnsmasq
 * numbers it) sets the {@code siaddr} field of replies, the next server a PXE client fetches
 * its boot file from.
 *
 * @param code the option code: 1 to 254 for DHCPv4 (255 only for {@code server-ip-address}),
 *     1 to 65535 for DHCPv6
 * @param ipVersion {@link IpVersion#V4} for DHCPv4, {@link IpVersion#V6} for DHCPv6
 * @param name the canonical name as dnsmasq spells it (such as {@code router} or {@code T1}),
 *     or a Neutron/IANA name when dnsmasq has none, or the code in decimal for an opaque option
 * @param aliases other names accepted for it, perhaps none
 * @param type the type its values must have
 * @param globalAllowed whether it may be set for every port at once (global options); false
 *     for options a subnet or the server derives, per-client options and protocol internals
 * @param portAllowed whether it may be set at all, in particular per port; false for options
 *     that belong to the protocol itself (message type, requested address, relay info ...)
 */
public record DhcpOption(
    int code,
    IpVersion ipVersion,
    String name,
    List<String> aliases,
    OptionType type,
    boolean globalAllowed,
    boolean portAllowed) {

  private static final String R = "dhcp_option";

  /**
   * Checks the code range and the names, and copies the aliases.
   *
   * @throws InvalidResourceException if the code is out of range or a name is not a token of
   *     {@code [A-Za-z0-9+_-]}, 1 to 64 characters
   * @throws NullPointerException if a component is null
   */
  public DhcpOption {
    Objects.requireNonNull(ipVersion, "ipVersion");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    aliases = List.copyOf(aliases);
    int max = ipVersion == IpVersion.V4 ? 255 : 65535;
    if (code < 1 || code > max) {
      throw new InvalidResourceException(
          Violation.of(R, name, "code", code, "must be in 1.." + max));
    }
    checkName(name, "name");
    for (int i = 0; i < aliases.size(); i++) {
      checkName(aliases.get(i), "aliases[" + i + "]");
    }
  }

  private static void checkName(String name, String field) {
    boolean ok = !name.isEmpty() && name.length() <= 64;
    for (int i = 0; ok && i < name.length(); i++) {
      char c = name.charAt(i);
      ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+'
          || c == '_' || c == '-';
    }
    if (!ok) {
      throw new InvalidResourceException(
          Violation.of(R, name, field, name, "must be 1..64 of A-Z a-z 0-9 + _ -"));
    }
  }

  /**
   * Checks a value against this option's type and returns it in canonical form. The rules are
   * those of {@link OptionType} plus, for every type: at most 2048 characters; printable ASCII
   * only (no line break, NUL, other control or non-ASCII character); no quote ({@code "} or
   * {@code '}) or backslash; no {@code tag:} or {@code set:} in any case; a comma only in list
   * types; empty only for list types. The encoded value must fit the option: at most 255 bytes
   * for DHCPv4 (so at most 63 addresses in an IPv4 list) and 1024 bytes for DHCPv6.
   *
   * <p>Canonical values are fixed points: normalising a normalised value returns it unchanged.
   *
   * @param value the raw value
   * @return the value in canonical form
   * @throws InvalidResourceException if the value breaks a rule; the violation names field
   *     {@code value}, hides the value and says precisely what is wrong
   * @throws NullPointerException if {@code value} is null
   */
  public String normalize(String value) {
    Objects.requireNonNull(value, "value");
    try {
      return OptionValues.normalize(this, value);
    } catch (OptionValues.Rejected e) {
      throw new InvalidResourceException(Violation.hidden(R, name, "value", e.getMessage()));
    }
  }

  /**
   * Tells whether the catalogue defines this option, rather than it being an opaque code.
   *
   * @return true for a catalogue entry
   */
  public boolean catalogued() {
    return DhcpOptionCatalogue.isCatalogued(this);
  }

  /**
   * Returns how dnsmasq names this option in {@code --dhcp-option} and its options file:
   * {@code option:NAME} or {@code option6:NAME} when dnsmasq knows the name, otherwise the
   * bare code for DHCPv4 ({@code 249}) and {@code option6:CODE} for DHCPv6.
   *
   * @return the dnsmasq option key
   */
  public String dnsmasqKey() {
    boolean v6 = ipVersion == IpVersion.V6;
    if (DhcpOptionCatalogue.isDnsmasqName(this)) {
      return (v6 ? "option6:" : "option:") + name;
    }
    return v6 ? "option6:" + code : Integer.toString(code);
  }

  /**
   * Tells whether a name (not a code) denotes this option, ignoring case.
   *
   * @param candidate a name
   * @return true if it is the canonical name or an alias
   */
  public boolean hasName(String candidate) {
    if (name.equalsIgnoreCase(candidate)) {
      return true;
    }
    for (String alias : aliases) {
      if (alias.equalsIgnoreCase(candidate)) {
        return true;
      }
    }
    return false;
  }

  /** Returns the name, version and code, such as {@code router(v4/3)}. */
  @Override
  public String toString() {
    return name + "(v" + ipVersion.number() + "/" + code + ")";
  }
}
