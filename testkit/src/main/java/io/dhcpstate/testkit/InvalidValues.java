package io.dhcpstate.testkit;

import static io.dhcpstate.testkit.Draws.between;
import static io.dhcpstate.testkit.Draws.chance;

import io.dhcpstate.model.IpVersion;
import io.dhcpstate.model.MacAddress;
import io.dhcpstate.options.DhcpOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

/**
 * QuickTheories generators of invalid values, one per model field: each value breaks the
 * field's rule, so the model must refuse it and name the field. Values come from three
 * sources: known bad cases (edge lengths, wrong separators), the {@link InjectionCorpus}
 * entries the field must refuse, and valid values mutated to break one rule (a forbidden
 * character spliced in, a length pushed past the limit). Failures print values escaped.
 * Stateless and thread-safe.
 */
public final class InvalidValues {
  private static final List<String> NOT_ID_CHARS = List.of(" ", "/", "\\", ":", ",", ";", "=",
      "\"", "'", "\n", "\r", "\t", "\u0000", "#", "$", "*", "@", "+", "~", "é", "中",
      "\u2028", "\u0085", "\uD83D\uDE00", "\uD800", "\u200B");
  private static final List<String> NOT_DNS_CHARS = List.of("_", " ", "/", ":", ",", "\n",
      "\u0000", "*", "@", "!", "=", "é", "\u0085", "\uD83D\uDE00", "'", "\\");
  private static final List<String> NOT_NAME_CHARS = List.of("\u0000", "\n", "\r", "\t",
      "\u0007", "\u001b", "\u007f", "\u0085", "\u009b", "\u2028", "\u2029", "\u200B", "\uFEFF",
      "\u202E", "\uD800", "\uDC00");
  private static final List<String> NOT_OWNER_CHARS = List.of(" ", "/", ",", "\n", "\u0000",
      "=", "@", "\"", "\\", "é", "\u2028", "#", ";", "*");

  private InvalidValues() {}

  /**
   * Returns strings that are not identifiers: empty, {@code .}, {@code ..}, starting with
   * {@code -}, {@code .} or {@code _}, 65 characters or more, or holding any character
   * outside {@code [A-Za-z0-9._-]}.
   *
   * @return a generator of invalid ids for any id field (network, subnet, port, fixed IP
   *     subnet, lease network)
   */
  public static Gen<String> invalidIds() {
    List<String> known = List.of("", ".", "..", "-x", "_x", ".x", "-", "_", "a b", "a/b", "a:b",
        "x".repeat(65), "é");
    return strings(rs -> {
      String valid = Names.token(rs, 1, 40);
      switch (between(rs, 0, 3)) {
        case 0:
          return Draws.pick(rs, "-._") + valid.substring(1);
        case 1:
          return Names.token(rs, Names.MAX_ID + 1, 200);
        default:
          return splice(rs, valid, Draws.pick(rs, NOT_ID_CHARS));
      }
    }, known, InjectionCorpus.ALL_KINDS);
  }

  /**
   * Returns strings that are not RFC 1123 host names: empty labels, labels of 64 characters
   * or starting or ending with {@code -}, names over 253 characters, and characters other
   * than letters, digits, {@code -} and {@code .} (including {@code _}).
   *
   * @return a generator of invalid host names for ports and leases
   */
  public static Gen<String> invalidHostnames() {
    return invalidDnsNames();
  }

  /**
   * Returns strings that are not DNS domains, as {@link #invalidHostnames()}.
   *
   * @return a generator of invalid values for a network's DNS domain
   */
  public static Gen<String> invalidDnsDomains() {
    return invalidDnsNames();
  }

  private static Gen<String> invalidDnsNames() {
    List<String> known = List.of("", ".", "..", "a..b", ".a", "-a", "a-", "a.-b", "a.b-",
        "a_b", "x".repeat(64), "a." + "x".repeat(64), ("a".repeat(63) + ".").repeat(4) + "a");
    return strings(rs -> {
      String valid = Names.hostname(rs);
      switch (between(rs, 0, 3)) {
        case 0:
          return valid + "." + "-" + Names.token(rs, 1, 10).replaceAll("[^A-Za-z0-9]", "a");
        case 1:
          return tooLongDnsName(rs);
        default:
          return splice(rs, valid, Draws.pick(rs, NOT_DNS_CHARS));
      }
    }, known, InjectionCorpus.ALL_KINDS);
  }

  private static String tooLongDnsName(RandomnessSource rs) {
    if (chance(rs, 50)) {
      return "a".repeat(between(rs, 64, 100));
    }
    StringBuilder sb = new StringBuilder(Names.dnsName(rs, 4, Names.MAX_DNS, false));
    while (sb.length() <= Names.MAX_DNS) {
      sb.append(".b").append("c".repeat(between(rs, 1, 60)));
    }
    return sb.toString();
  }

  /**
   * Returns network display names the model refuses: over 255 characters, or holding a
   * control character, a line or paragraph separator, a format character (such as U+200B or
   * U+202E) or an unpaired surrogate.
   *
   * @return a generator of invalid values for {@code Network.name}
   */
  public static Gen<String> invalidDisplayNames() {
    List<String> known = List.of("a".repeat(256), "\u0000", "\n", "\uD800", "a\uDC00");
    return strings(rs -> chance(rs, 20)
        ? "n".repeat(between(rs, 256, 600))
        : splice(rs, Names.displayName(rs), Draws.pick(rs, NOT_NAME_CHARS)),
        known, Kinds.DISPLAY_NAME);
  }

  /**
   * Returns device owners the model refuses: over 255 characters, or holding a character
   * other than {@code [A-Za-z0-9:._-]}.
   *
   * @return a generator of invalid values for {@code Port.deviceOwner}
   */
  public static Gen<String> invalidDeviceOwners() {
    List<String> known = List.of("x".repeat(256), "compute nova", "compute:nova\n", "a/b");
    return strings(rs -> chance(rs, 20)
        ? "o".repeat(between(rs, 256, 400))
        : splice(rs, Names.deviceOwner(rs), Draws.pick(rs, NOT_OWNER_CHARS)),
        known, Kinds.DEVICE_OWNER);
  }

  /**
   * Returns texts that are not MACs: wrong lengths, wrong or mixed separators, non-hex
   * characters (including non-ASCII digits such as fullwidth {@code ０}), spaces around.
   *
   * @return a generator of invalid MAC texts for {@code MacAddress.parse} and
   *     {@code Port.builder}
   */
  public static Gen<String> invalidMacs() {
    List<String> known = List.of("", "00:11:22:33:44", "00:11:22:33:44:55:66", "001122334455",
        "00-11:22:33:44:55", "00.11.22.33.44.55", "0g:11:22:33:44:55", " 00:11:22:33:44:55",
        "00:11:22:33:44:55 ", "0:11:22:33:44:55:6", "00:11:22:33:44:5\u0660",
        "fa:16:3e:00:00:\uFF10\uFF11");
    return strings(rs -> Mutations.mac(rs, Addresses.mac(rs).toString()), known,
        InjectionCorpus.ALL_KINDS);
  }

  /**
   * Returns MACs that parse but that a port refuses: all zero, or with the group (multicast)
   * bit set, such as {@code ff:ff:ff:ff:ff:ff} or {@code 01:00:5e:00:00:01}.
   *
   * @return a generator of MACs invalid for {@code Port.mac}
   */
  public static Gen<MacAddress> invalidPortMacs() {
    return rs -> chance(rs, 10)
        ? MacAddress.of(0)
        : MacAddress.of(Addresses.mac(rs).bits() | Addresses.GROUP_BIT);
  }

  /**
   * Returns texts that are not IP addresses: bad IPv4 octets (256, leading zeros, too few or
   * many), bad IPv6 groups (two {@code ::}, nine groups, five digits, zone ids, brackets),
   * CIDRs, spaces, junk spliced into a valid address, and non-ASCII digits.
   *
   * @return a generator of invalid address texts for {@code IpAddress.parse}, fixed IPs,
   *     gateways and DNS servers
   */
  public static Gen<String> invalidIpTexts() {
    List<String> known = List.of("", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1..2.3",
        "1.2.3.", ".1.2.3", "1.2.3.4/24", "::/0", ":::", "1:2:3:4:5:6:7:8:9", "1::2::3",
        "12345::", "::g", "fe80::1%eth0", "[::1]", "::1 ", " 1.2.3.4", "\uFF12001:db8::1",
        "2001:db8::\u0661", "::ffff:1.2.3", "1.2.3.4:80");
    return strings(rs -> Mutations.ip(rs), known, InjectionCorpus.ALL_KINDS);
  }

  /**
   * Returns texts that are not CIDRs: host bits set, lengths over 32 or 128 or with leading
   * zeros, missing parts, or an invalid address.
   *
   * @return a generator of invalid CIDR texts for {@code IpPrefix.parse} and subnets
   */
  public static Gen<String> invalidCidrs() {
    List<String> known = List.of("", "10.0.0.0", "10.0.0.0/", "/24", "10.0.0.0/33",
        "10.0.0.0/024", "::/129", "10.0.0.0/24/1", "10.0.0.0/-1", "10.0.0.0/ 24",
        "10.0.0.1/24", "2001:db8::1/64", "10.0.0.0/2\u0664");
    return strings(Mutations::cidr, known, InjectionCorpus.ALL_KINDS);
  }

  /**
   * Returns MTUs outside 68..65535.
   *
   * @return a generator of invalid values for {@code Network.mtu}
   */
  public static Gen<Integer> invalidMtus() {
    return rs -> chance(rs, 50) ? between(rs, Integer.MIN_VALUE, 67)
        : between(rs, 65536, Integer.MAX_VALUE);
  }

  /**
   * Returns negative revision numbers.
   *
   * @return a generator of invalid values for any {@code revision} field
   */
  public static Gen<Long> invalidRevisions() {
    return rs -> between(rs, Long.MIN_VALUE, -1L);
  }

  /**
   * Returns client ids that are not colon-separated hex octets: empty, odd digits, trailing
   * or doubled colons, other separators, non-hex or non-ASCII digits, over 255 octets.
   *
   * @return a generator of invalid values for {@code Lease.clientId}
   */
  public static Gen<String> invalidClientIds() {
    List<String> known = List.of("", "0", "012", "01:", ":01", "01::02", "01-02", "0g",
        "01:02:0", "01 02", "01:".repeat(255) + "01", "0\u0661:02", "\uFF10\uFF11");
    return strings(rs -> Mutations.clientId(rs, Resources.clientId(rs)), known,
        InjectionCorpus.ALL_KINDS);
  }

  /**
   * Returns option names {@code ExtraDhcpOption.of} refuses for a version: unknown names and
   * out-of-range codes, options the client or server sets itself (such as
   * {@code message-type}), malformed or foreign {@code tag:} conditions, {@code set:}, and
   * names with forbidden characters.
   *
   * @param version the IP version the names are given for
   * @return a generator of invalid option names; the model names field {@code name}
   */
  public static Gen<String> invalidOptionNames(IpVersion version) {
    Objects.requireNonNull(version, "version");
    return strings(rs -> OptionNames.invalid(rs, version), OptionNames.known(version),
        InjectionCorpus.ALL_KINDS);
  }

  /**
   * Returns values an option refuses: values of the wrong type or version (an IPv6 address
   * for an IPv4 option, {@code 256} for an 8-bit number, {@code yes} for a flag), malformed
   * lists, values too large for the option, and the {@link InjectionCorpus} entries its type
   * must refuse (for free-text types, at least {@link InjectionCorpus#BREAKOUT}).
   *
   * @param option the option, from {@code DhcpOptionCatalogue}
   * @return a generator of invalid values; the model names field {@code value}
   */
  public static Gen<String> invalidOptionValues(DhcpOption option) {
    Objects.requireNonNull(option, "option");
    return strings(rs -> OptionNames.invalidValue(rs, option), OptionNames.knownValues(option),
        Kinds.optionValue(option));
  }

  /** Mixes known cases, corpus entries with the given kinds, and mutated valid values. */
  private static Gen<String> strings(Function<RandomnessSource, String> mutated,
      List<String> known, Set<InjectionCorpus.Kind> corpusKinds) {
    return strings(mutated, known, Kinds.refusing(corpusKinds));
  }

  private static Gen<String> strings(Function<RandomnessSource, String> mutated,
      List<String> known, Predicate<String> refused) {
    List<String> fixed = new ArrayList<>(known);
    for (String s : InjectionCorpus.ALL) {
      if (refused.test(s)) {
        fixed.add(s);
      }
    }
    List<String> cases = List.copyOf(fixed);
    Gen<String> gen = rs -> chance(rs, 40) ? Draws.pick(rs, cases) : mutated.apply(rs);
    return gen.describedAs(InjectionCorpus::escape);
  }

  /** Inserts {@code bad} into {@code valid} at a drawn position. */
  static String splice(RandomnessSource rs, String valid, String bad) {
    int at = between(rs, 0, valid.length());
    return valid.substring(0, at) + bad + valid.substring(at);
  }
}
