package io.dhcpstate.model;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.Violation;
import io.dhcpstate.options.DhcpOption;
import io.dhcpstate.options.DhcpOptionCatalogue;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One DHCP option to send, with its value and condition: a port's extra option (Neutron's
 * {@code extra_dhcp_opts} entry), a global option, or an option derived from a subnet.
 * Immutable, thread-safe, and valid by construction: the value has been checked against the
 * option's type and normalised ({@link DhcpOption#normalize(String)}), so no value can carry a
 * line break, a separator or a dnsmasq tag into a driver's files (CVE-2021-40085).
 *
 * <p>Values may hold secrets (boot credentials, URLs with tokens): {@link #toString()} and
 * every message leave them out.
 *
 * @param option the catalogue's option (or an opaque code); settable, that is
 *     {@link DhcpOption#portAllowed()}
 * @param value the value in canonical form; empty only for list types, meaning "send the
 *     option with no value"
 * @param ipVersion the option's IP version; equal to {@code option.ipVersion()}
 * @param condition which clients get it
 */
public record ExtraDhcpOption(
    DhcpOption option, String value, IpVersion ipVersion, OptionCondition condition) {

  private static final String R = "extra_dhcp_opt";
  private static final int MAX_NAME = 100;

  /**
   * Checks that the option is the catalogue's, settable and of {@code ipVersion}, and checks
   * and normalises the value.
   *
   * @throws InvalidResourceException naming field {@code name}, {@code ipVersion} or
   *     {@code value} (whose value is hidden)
   * @throws NullPointerException if a component is null
   */
  public ExtraDhcpOption {
    Objects.requireNonNull(option, "option");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(ipVersion, "ipVersion");
    Objects.requireNonNull(condition, "condition");
    String id = condition.namePrefix() + option.name();
    if (ipVersion != option.ipVersion()) {
      throw new InvalidResourceException(Violation.of(R, id, "ipVersion", ipVersion.number(),
          "does not match option " + option.name() + ", a DHCPv" + option.ipVersion().number()
              + " option"));
    }
    if (!DhcpOptionCatalogue.byCode(option.code(), ipVersion).equals(Optional.of(option))) {
      throw new InvalidResourceException(Violation.of(R, id, "name", option.name(),
          "is not the catalogue's definition of DHCPv" + ipVersion.number() + " option "
              + option.code()));
    }
    checkSettable(option, id);
    value = normalizeValue(option, value, id);
  }

  /**
   * Parses an option given Neutron-style: a catalogue name or a decimal code, optionally
   * prefixed with {@code tag:ipxe,} or {@code tag:!ipxe,} (also {@code tag:ipxe6,} and
   * {@code tag:!ipxe6,} for DHCPv6), such as {@code tag:!ipxe,bootfile-name} or {@code 66}.
   * Any other {@code tag:}, and any {@code set:}, is rejected.
   *
   * @param name the option name as given
   * @param value the raw value
   * @param ipVersion the option's IP version
   * @return the option, value normalised
   * @throws InvalidResourceException naming field {@code name} (unknown, malformed or not
   *     settable), {@code ipVersion} (the name belongs to the other version) or {@code value}
   *     (hidden, with the precise reason); the id is the name as given, escaped
   * @throws NullPointerException if an argument is null
   */
  public static ExtraDhcpOption of(String name, String value, IpVersion ipVersion) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(ipVersion, "ipVersion");
    checkNameCharacters(name);
    OptionCondition condition = OptionCondition.ALWAYS;
    String rest = name;
    int restStart = 0;
    if (name.toLowerCase(Locale.ROOT).startsWith("tag:")) {
      int comma = name.indexOf(',');
      if (comma < 0) {
        throw nameError(name, "has a tag: prefix but no comma; write tag:ipxe,NAME");
      }
      condition = condition(name, name.substring(4, comma).toLowerCase(Locale.ROOT), ipVersion);
      restStart = comma + 1;
      rest = name.substring(restStart);
    }
    String lower = rest.toLowerCase(Locale.ROOT);
    for (String marker : new String[] {"tag:", "set:"}) {
      int at = lower.indexOf(marker);
      if (at >= 0) {
        throw nameError(name, "contains '" + marker + "' at index " + (restStart + at)
            + "; only one leading tag:ipxe, or tag:!ipxe, condition is accepted");
      }
    }
    if (rest.isEmpty()) {
      throw nameError(name, "has no option name");
    }
    for (int i = 0; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+'
          || c == '_' || c == '-')) {
        throw nameError(name, "has a character not allowed in an option name at index "
            + (restStart + i));
      }
    }
    String optionName = rest;
    DhcpOption option = DhcpOptionCatalogue.find(optionName, ipVersion)
        .orElseThrow(() -> unknown(name, optionName, ipVersion));
    checkSettable(option, name);
    String normal = normalizeValue(option, value, name);
    return new ExtraDhcpOption(option, normal, ipVersion, condition);
  }

  /**
   * Parses a DHCPv4 option given Neutron-style, as {@link #of(String, String, IpVersion)}.
   *
   * @param name the option name or code, optionally with a {@code tag:ipxe,} prefix
   * @param value the raw value
   * @return the option, value normalised
   * @throws InvalidResourceException if the name or the value is invalid
   * @throws NullPointerException if an argument is null
   */
  public static ExtraDhcpOption of(String name, String value) {
    return of(name, value, IpVersion.V4);
  }

  /**
   * Creates an unconditional option from a catalogue entry, such as the router derived from a
   * subnet.
   *
   * @param option the option, from {@link DhcpOptionCatalogue}
   * @param value the raw value
   * @return the option, value normalised
   * @throws InvalidResourceException if the option is not settable or the value is invalid
   * @throws NullPointerException if an argument is null
   */
  public static ExtraDhcpOption of(DhcpOption option, String value) {
    return new ExtraDhcpOption(option, value, option.ipVersion(), OptionCondition.ALWAYS);
  }

  /**
   * Returns the name Neutron would use: the condition's prefix and the canonical name, such as
   * {@code tag:!ipxe,bootfile-name}. {@code of(name(), value(), ipVersion())} gives an equal
   * option.
   *
   * @return the prefixed canonical name
   */
  public String name() {
    return condition.namePrefix() + option.name();
  }

  /** Returns the name, IP version and code, hiding the value. */
  @Override
  public String toString() {
    return "ExtraDhcpOption[" + name() + " (v" + ipVersion.number() + "/" + option.code()
        + ") = <hidden>]";
  }

  private static OptionCondition condition(String name, String tag, IpVersion version) {
    switch (tag) {
      case "ipxe":
        return OptionCondition.IPXE;
      case "!ipxe":
        return OptionCondition.NOT_IPXE;
      case "ipxe6":
      case "!ipxe6":
        if (version != IpVersion.V6) {
          throw nameError(name, "uses tag:" + tag + ", which applies to DHCPv6 options only");
        }
        return tag.startsWith("!") ? OptionCondition.NOT_IPXE : OptionCondition.IPXE;
      default:
        throw nameError(name, "has an unsupported condition; only tag:ipxe, and tag:!ipxe,"
            + " (or tag:ipxe6, and tag:!ipxe6, for DHCPv6) are accepted");
    }
  }

  private static void checkNameCharacters(String name) {
    if (name.length() > MAX_NAME) {
      throw nameError(name, "is longer than " + MAX_NAME + " characters");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '\n' || c == '\r' || c == '\u000b' || c == '\u000c' || c == '\u0085'
          || c == '\u2028' || c == '\u2029') {
        throw nameError(name, "contains a line break at index " + i);
      }
      if (c < 0x20 || c == 0x7f) {
        throw nameError(name, "contains a control character at index " + i);
      }
      if (c > 0x7e) {
        throw nameError(name, "contains a non-ASCII character at index " + i);
      }
    }
  }

  private static InvalidResourceException unknown(String given, String rest, IpVersion version) {
    IpVersion other = version == IpVersion.V4 ? IpVersion.V6 : IpVersion.V4;
    boolean numeric = !rest.isEmpty() && rest.chars().allMatch(c -> c >= '0' && c <= '9');
    if (!numeric && DhcpOptionCatalogue.find(rest, other).isPresent()) {
      return new InvalidResourceException(Violation.of(R, given, "ipVersion", version.number(),
          "option " + rest + " is a DHCPv" + other.number() + " option, not DHCPv"
              + version.number()));
    }
    return nameError(given, "not a DHCPv" + version.number() + " option name or a code in 1.."
        + (version == IpVersion.V4 ? 254 : 65535));
  }

  private static void checkSettable(DhcpOption option, String id) {
    if (!option.portAllowed()) {
      throw nameError(id, "is option " + option.code() + " (" + option.name()
          + "), which the DHCP client or server sets itself; it may not be set");
    }
  }

  private static String normalizeValue(DhcpOption option, String value, String id) {
    try {
      return option.normalize(value);
    } catch (InvalidResourceException e) {
      throw new InvalidResourceException(
          Violation.hidden(R, id, "value", e.violation().reason()));
    }
  }

  private static InvalidResourceException nameError(String name, String reason) {
    return new InvalidResourceException(Violation.of(R, name, "name", name, reason));
  }
}
