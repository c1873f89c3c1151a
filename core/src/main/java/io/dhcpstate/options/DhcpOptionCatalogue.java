package io.dhcpstate.options;

import static io.dhcpstate.options.OptionType.BOOL;
import static io.dhcpstate.options.OptionType.DOMAIN_LIST;
import static io.dhcpstate.options.OptionType.HEX;
import static io.dhcpstate.options.OptionType.INT16;
import static io.dhcpstate.options.OptionType.INT32;
import static io.dhcpstate.options.OptionType.INT8;
import static io.dhcpstate.options.OptionType.IP;
import static io.dhcpstate.options.OptionType.IP_LIST;
import static io.dhcpstate.options.OptionType.ROUTES;
import static io.dhcpstate.options.OptionType.STRING;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.Violation;
import io.dhcpstate.model.IpVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The names, codes and value types of the DHCPv4 and DHCPv6 options dhcpstate knows: those of
 * RFC 2132 and the later ones dnsmasq and Neutron use (classless routes, domain search, TFTP,
 * PXE, NTP, WPAD ...). Names are dnsmasq's ({@code dnsmasq --help dhcp} and {@code --help
 * dhcp6}), looked up ignoring case; a few Neutron and IANA spellings are aliases. Codes the
 * catalogue does not name are accepted as opaque {@link OptionType#STRING} options: 1 to 254
 * for DHCPv4, 1 to 65535 for DHCPv6 (0 and 255 are the DHCPv4 pad and end markers).
 *
 * <p>The catalogue is a fixed table: static, immutable and thread-safe.
 */
public final class DhcpOptionCatalogue {
  private static final int DNSMASQ = 1;
  private static final int NOT_GLOBAL = 2;
  private static final int INTERNAL = 4;

  private static final Map<String, DhcpOption> V4_NAMES = new HashMap<>();
  private static final Map<String, DhcpOption> V6_NAMES = new HashMap<>();
  private static final Map<Integer, DhcpOption> V4_CODES = new TreeMap<>();
  private static final Map<Integer, DhcpOption> V6_CODES = new TreeMap<>();
  private static final Set<DhcpOption> DNSMASQ_NAMED = new HashSet<>();

  static {
    v4(1, "netmask", IP, DNSMASQ, "subnet-mask");
    v4(2, "time-offset", INT32, DNSMASQ);
    v4(3, "router", IP_LIST, DNSMASQ | NOT_GLOBAL);
    v4(4, "time-server", IP_LIST, 0);
    v4(5, "name-server", IP_LIST, 0);
    v4(6, "dns-server", IP_LIST, DNSMASQ | NOT_GLOBAL, "domain-name-servers");
    v4(7, "log-server", IP_LIST, DNSMASQ);
    v4(8, "cookie-server", IP_LIST, 0);
    v4(9, "lpr-server", IP_LIST, DNSMASQ);
    v4(10, "impress-server", IP_LIST, 0);
    v4(11, "resource-location-server", IP_LIST, 0);
    v4(12, "hostname", OptionType.DOMAIN_NAME, DNSMASQ | NOT_GLOBAL, "host-name");
    v4(13, "boot-file-size", INT16, DNSMASQ);
    v4(14, "merit-dump", STRING, 0);
    v4(15, "domain-name", OptionType.DOMAIN_NAME, DNSMASQ);
    v4(16, "swap-server", IP, DNSMASQ);
    v4(17, "root-path", STRING, DNSMASQ);
    v4(18, "extension-path", STRING, DNSMASQ);
    v4(19, "ip-forward-enable", BOOL, DNSMASQ);
    v4(20, "non-local-source-routing", BOOL, DNSMASQ);
    v4(21, "policy-filter", IP_LIST, DNSMASQ);
    v4(22, "max-datagram-reassembly", INT16, DNSMASQ);
    v4(23, "default-ttl", INT8, DNSMASQ);
    v4(24, "path-mtu-aging-timeout", INT32, 0);
    v4(26, "mtu", INT16, DNSMASQ | NOT_GLOBAL);
    v4(27, "all-subnets-local", BOOL, DNSMASQ);
    v4(28, "broadcast", IP, DNSMASQ, "broadcast-address");
    v4(29, "perform-mask-discovery", BOOL, 0);
    v4(30, "mask-supplier", BOOL, 0);
    v4(31, "router-discovery", BOOL, DNSMASQ);
    v4(32, "router-solicitation", IP, DNSMASQ);
    v4(33, "static-route", IP_LIST, DNSMASQ | NOT_GLOBAL);
    v4(34, "trailer-encapsulation", BOOL, DNSMASQ);
    v4(35, "arp-timeout", INT32, DNSMASQ);
    v4(36, "ethernet-encap", BOOL, DNSMASQ);
    v4(37, "tcp-ttl", INT8, DNSMASQ);
    v4(38, "tcp-keepalive", INT32, DNSMASQ);
    v4(39, "tcp-keepalive-garbage", BOOL, 0);
    v4(40, "nis-domain", OptionType.DOMAIN_NAME, DNSMASQ);
    v4(41, "nis-server", IP_LIST, DNSMASQ);
    v4(42, "ntp-server", IP_LIST, DNSMASQ);
    v4(43, "vendor-encap", HEX, DNSMASQ);
    v4(44, "netbios-ns", IP_LIST, DNSMASQ);
    v4(45, "netbios-dd", IP_LIST, DNSMASQ);
    v4(46, "netbios-nodetype", INT8, DNSMASQ);
    v4(47, "netbios-scope", STRING, DNSMASQ);
    v4(48, "x-windows-fs", IP_LIST, DNSMASQ);
    v4(49, "x-windows-dm", IP_LIST, DNSMASQ);
    v4(50, "requested-address", IP, DNSMASQ | INTERNAL);
    v4(51, "lease-time", INT32, DNSMASQ | NOT_GLOBAL);
    v4(52, "option-overload", INT8, DNSMASQ | INTERNAL);
    v4(53, "message-type", INT8, DNSMASQ | INTERNAL);
    v4(54, "server-identifier", IP, DNSMASQ | NOT_GLOBAL, "server-id");
    v4(55, "parameter-request", HEX, DNSMASQ | INTERNAL);
    v4(56, "message", STRING, DNSMASQ | INTERNAL);
    v4(57, "max-message-size", INT16, DNSMASQ | INTERNAL);
    v4(58, "T1", INT32, DNSMASQ, "renewal-time");
    v4(59, "T2", INT32, DNSMASQ, "rebinding-time");
    v4(60, "vendor-class", STRING, DNSMASQ);
    v4(61, "client-id", HEX, DNSMASQ | NOT_GLOBAL);
    v4(64, "nis+-domain", OptionType.DOMAIN_NAME, DNSMASQ);
    v4(65, "nis+-server", IP_LIST, DNSMASQ);
    v4(66, "tftp-server", STRING, DNSMASQ, "tftp-server-name");
    v4(67, "bootfile-name", STRING, DNSMASQ);
    v4(68, "mobile-ip-home", IP_LIST, DNSMASQ);
    v4(69, "smtp-server", IP_LIST, DNSMASQ);
    v4(70, "pop3-server", IP_LIST, DNSMASQ);
    v4(71, "nntp-server", IP_LIST, DNSMASQ);
    v4(72, "www-server", IP_LIST, 0);
    v4(73, "finger-server", IP_LIST, 0);
    v4(74, "irc-server", IP_LIST, DNSMASQ);
    v4(75, "streettalk-server", IP_LIST, 0);
    v4(76, "stda-server", IP_LIST, 0);
    v4(77, "user-class", STRING, DNSMASQ);
    v4(81, "FQDN", HEX, DNSMASQ | INTERNAL);
    v4(82, "agent-info", HEX, DNSMASQ | INTERNAL, "relay-agent-information");
    v4(93, "client-arch", INT16, DNSMASQ | INTERNAL);
    v4(94, "client-interface-id", HEX, DNSMASQ | INTERNAL);
    v4(97, "client-machine-id", HEX, DNSMASQ | INTERNAL);
    v4(100, "posix-timezone", STRING, DNSMASQ);
    v4(101, "tzdb-timezone", STRING, DNSMASQ);
    v4(108, "ipv6-only", INT32, DNSMASQ);
    v4(114, "captive-portal", STRING, 0);
    v4(118, "subnet-select", IP, DNSMASQ | INTERNAL);
    v4(119, "domain-search", DOMAIN_LIST, DNSMASQ);
    v4(120, "sip-server", IP_LIST, DNSMASQ);
    v4(121, "classless-static-route", ROUTES, DNSMASQ | NOT_GLOBAL);
    v4(125, "vendor-id-encap", HEX, DNSMASQ);
    v4(150, "tftp-server-address", IP_LIST, DNSMASQ);
    v4(175, "etherboot", HEX, 0, "ipxe-encap");
    v4(209, "config-file", STRING, 0, "pxelinux-configfile");
    v4(210, "path-prefix", STRING, 0, "pxelinux-pathprefix");
    v4(211, "reboot-time", INT32, 0, "pxelinux-reboottime");
    v4(249, "ms-classless-static-route", ROUTES, NOT_GLOBAL);
    v4(252, "wpad", STRING, 0);
    v4(255, "server-ip-address", IP, DNSMASQ);

    v6(1, "client-id", HEX, DNSMASQ | NOT_GLOBAL);
    v6(2, "server-id", HEX, DNSMASQ | INTERNAL);
    v6(3, "ia-na", HEX, DNSMASQ | INTERNAL);
    v6(4, "ia-ta", HEX, DNSMASQ | INTERNAL);
    v6(5, "iaaddr", HEX, DNSMASQ | INTERNAL);
    v6(6, "oro", HEX, DNSMASQ | INTERNAL);
    v6(7, "preference", INT8, DNSMASQ | INTERNAL);
    v6(12, "unicast", IP, DNSMASQ | INTERNAL);
    v6(13, "status", HEX, DNSMASQ | INTERNAL);
    v6(14, "rapid-commit", HEX, DNSMASQ | INTERNAL);
    v6(15, "user-class", HEX, DNSMASQ | INTERNAL);
    v6(16, "vendor-class", HEX, DNSMASQ | INTERNAL);
    v6(17, "vendor-opts", HEX, DNSMASQ | INTERNAL);
    v6(21, "sip-server-domain", DOMAIN_LIST, DNSMASQ);
    v6(22, "sip-server", IP_LIST, DNSMASQ);
    v6(23, "dns-server", IP_LIST, DNSMASQ | NOT_GLOBAL);
    v6(24, "domain-search", DOMAIN_LIST, DNSMASQ);
    v6(27, "nis-server", IP_LIST, DNSMASQ);
    v6(28, "nis+-server", IP_LIST, DNSMASQ);
    v6(29, "nis-domain", OptionType.DOMAIN_NAME, DNSMASQ);
    v6(30, "nis+-domain", OptionType.DOMAIN_NAME, DNSMASQ);
    v6(31, "sntp-server", IP_LIST, DNSMASQ);
    v6(32, "information-refresh-time", INT32, DNSMASQ);
    v6(39, "FQDN", OptionType.DOMAIN_NAME, DNSMASQ | INTERNAL);
    v6(41, "posix-timezone", STRING, DNSMASQ);
    v6(42, "tzdb-timezone", STRING, DNSMASQ);
    v6(56, "ntp-server", IP_LIST, DNSMASQ);
    v6(59, "bootfile-url", STRING, DNSMASQ);
    v6(60, "bootfile-param", STRING, DNSMASQ);
  }

  /** DHCPv4 option 1, {@code netmask}. */
  public static final DhcpOption NETMASK = V4_CODES.get(1);
  /** DHCPv4 option 3, {@code router}: the default gateways. */
  public static final DhcpOption ROUTER = V4_CODES.get(3);
  /** DHCPv4 option 6, {@code dns-server}. */
  public static final DhcpOption DNS_SERVER = V4_CODES.get(6);
  /** DHCPv4 option 15, {@code domain-name}. */
  public static final DhcpOption DOMAIN_NAME = V4_CODES.get(15);
  /** DHCPv4 option 26, {@code mtu}: the interface MTU. */
  public static final DhcpOption MTU = V4_CODES.get(26);
  /** DHCPv4 option 28, {@code broadcast}. */
  public static final DhcpOption BROADCAST = V4_CODES.get(28);
  /** DHCPv4 option 51, {@code lease-time}. */
  public static final DhcpOption LEASE_TIME = V4_CODES.get(51);
  /** DHCPv4 option 54, {@code server-identifier}: the DHCP server's address. */
  public static final DhcpOption SERVER_IDENTIFIER = V4_CODES.get(54);
  /** DHCPv4 option 58, {@code T1}: the renewal time. */
  public static final DhcpOption T1 = V4_CODES.get(58);
  /** DHCPv4 option 59, {@code T2}: the rebinding time. */
  public static final DhcpOption T2 = V4_CODES.get(59);
  /** DHCPv4 option 61, {@code client-id}: goes to a host entry, not the options. */
  public static final DhcpOption CLIENT_ID = V4_CODES.get(61);
  /** DHCPv4 option 119, {@code domain-search}. */
  public static final DhcpOption DOMAIN_SEARCH = V4_CODES.get(119);
  /** DHCPv4 option 121, {@code classless-static-route} (RFC 3442). */
  public static final DhcpOption CLASSLESS_STATIC_ROUTE = V4_CODES.get(121);
  /** DHCPv4 option 249, Microsoft's copy of the classless static routes. */
  public static final DhcpOption MS_CLASSLESS_STATIC_ROUTE = V4_CODES.get(249);
  /** The {@code server-ip-address} pseudo-option: the {@code siaddr} of replies. */
  public static final DhcpOption SERVER_IP_ADDRESS = V4_CODES.get(255);
  /** DHCPv6 option 1, {@code client-id} (a DUID): goes to a host entry, not the options. */
  public static final DhcpOption CLIENT_ID_V6 = V6_CODES.get(1);
  /** DHCPv6 option 23, {@code dns-server}. */
  public static final DhcpOption DNS_SERVER_V6 = V6_CODES.get(23);
  /** DHCPv6 option 24, {@code domain-search}. */
  public static final DhcpOption DOMAIN_SEARCH_V6 = V6_CODES.get(24);

  private DhcpOptionCatalogue() {}

  private static void v4(int code, String name, OptionType type, int flags, String... aliases) {
    add(IpVersion.V4, code, name, type, flags, aliases);
  }

  private static void v6(int code, String name, OptionType type, int flags, String... aliases) {
    add(IpVersion.V6, code, name, type, flags, aliases);
  }

  private static void add(
      IpVersion version, int code, String name, OptionType type, int flags, String[] aliases) {
    boolean internal = (flags & INTERNAL) != 0;
    DhcpOption option = new DhcpOption(code, version, name, List.of(aliases), type,
        !internal && (flags & NOT_GLOBAL) == 0, !internal);
    Map<String, DhcpOption> names = version == IpVersion.V4 ? V4_NAMES : V6_NAMES;
    Map<Integer, DhcpOption> codes = version == IpVersion.V4 ? V4_CODES : V6_CODES;
    if (codes.put(code, option) != null) {
      throw new IllegalStateException("option code listed twice: " + option);
    }
    List<String> all = new ArrayList<>(option.aliases());
    all.add(name);
    for (String n : all) {
      if (names.put(n.toLowerCase(Locale.ROOT), option) != null) {
        throw new IllegalStateException("option name listed twice: " + n);
      }
    }
    if ((flags & DNSMASQ) != 0) {
      DNSMASQ_NAMED.add(option);
    }
  }

  /**
   * Finds an option by name (ignoring case) or by decimal code. A code without a catalogue
   * entry gives an opaque {@link OptionType#STRING} option if it is in range (1 to 254 for
   * DHCPv4, 1 to 65535 for DHCPv6); a code is plain digits without leading zeros.
   *
   * @param nameOrCode a name such as {@code dns-server} or a code such as {@code 6}
   * @param version the protocol whose options to search
   * @return the option, or empty if the name is unknown or the code out of range
   * @throws NullPointerException if an argument is null
   */
  public static Optional<DhcpOption> find(String nameOrCode, IpVersion version) {
    Objects.requireNonNull(nameOrCode, "nameOrCode");
    Objects.requireNonNull(version, "version");
    if (isCode(nameOrCode)) {
      int code = Integer.parseInt(nameOrCode);
      return code == 255 && version == IpVersion.V4 ? Optional.empty() : byCode(code, version);
    }
    Map<String, DhcpOption> names = version == IpVersion.V4 ? V4_NAMES : V6_NAMES;
    return Optional.ofNullable(names.get(nameOrCode.toLowerCase(Locale.ROOT)));
  }

  private static boolean isCode(String text) {
    if (text.isEmpty() || text.length() > 5 || text.charAt(0) == '0' && text.length() > 1) {
      return false;
    }
    return text.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /**
   * Returns an option by name or code, as {@link #find(String, IpVersion)}, or throws.
   *
   * @param nameOrCode a name or decimal code
   * @param version the protocol whose options to search
   * @return the option
   * @throws InvalidResourceException naming field {@code name} if there is no such option
   * @throws NullPointerException if an argument is null
   */
  public static DhcpOption get(String nameOrCode, IpVersion version) {
    return find(nameOrCode, version).orElseThrow(() -> new InvalidResourceException(
        Violation.of("dhcp_option", nameOrCode, "name", nameOrCode, unknownReason(version))));
  }

  /**
   * Says why a name or code was not found, for messages.
   *
   * @param version the protocol searched
   * @return a reason such as "not a DHCPv4 option name or a code in 1..254"
   */
  static String unknownReason(IpVersion version) {
    return "not a DHCPv" + version.number() + " option name or a code in 1.."
        + (version == IpVersion.V4 ? 254 : 65535);
  }

  /**
   * Returns the option with a code: the catalogue's entry (including the
   * {@code server-ip-address} pseudo-option, DHCPv4 code 255), else an opaque option for a code
   * in range.
   *
   * @param code the option code
   * @param version the protocol
   * @return the option, or empty if the code is out of range
   * @throws NullPointerException if {@code version} is null
   */
  public static Optional<DhcpOption> byCode(int code, IpVersion version) {
    Objects.requireNonNull(version, "version");
    DhcpOption known = (version == IpVersion.V4 ? V4_CODES : V6_CODES).get(code);
    if (known != null) {
      return Optional.of(known);
    }
    int max = version == IpVersion.V4 ? 254 : 65535;
    if (code < 1 || code > max) {
      return Optional.empty();
    }
    return Optional.of(new DhcpOption(code, version, Integer.toString(code), List.of(), STRING,
        true, true));
  }

  /**
   * Returns every option the catalogue names for one protocol, by code.
   *
   * @param version the protocol
   * @return an immutable list ordered by code
   * @throws NullPointerException if {@code version} is null
   */
  public static List<DhcpOption> all(IpVersion version) {
    Objects.requireNonNull(version, "version");
    return List.copyOf((version == IpVersion.V4 ? V4_CODES : V6_CODES).values());
  }

  static boolean isCatalogued(DhcpOption option) {
    return option.equals((option.ipVersion() == IpVersion.V4 ? V4_CODES : V6_CODES)
        .get(option.code()));
  }

  static boolean isDnsmasqName(DhcpOption option) {
    return DNSMASQ_NAMED.contains(option);
  }
}
