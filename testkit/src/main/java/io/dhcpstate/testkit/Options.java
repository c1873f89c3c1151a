package io.dhcpstate.testkit;

import static io.dhcpstate.testkit.Draws.between;
import static io.dhcpstate.testkit.Draws.chance;

import io.dhcpstate.model.ExtraDhcpOption;
import io.dhcpstate.model.IpVersion;
import io.dhcpstate.model.OptionCondition;
import io.dhcpstate.options.DhcpOption;
import io.dhcpstate.options.DhcpOptionCatalogue;
import io.dhcpstate.options.OptionType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.quicktheories.core.RandomnessSource;

/** Draws of valid DHCP option values by type, and of extra options built from them. */
final class Options {
  private static final List<DhcpOption> SETTABLE_V4 = settable(IpVersion.V4);
  private static final List<DhcpOption> SETTABLE_V6 = settable(IpVersion.V6);
  /** Printable ASCII a STRING value may hold: no quote, backslash or comma. */
  private static final String STRING_CHARS = Draws.ALNUM + " !#$%&()*+-./:;<=>?@[]^_`{|}~";
  private static final List<String> STRING_SAMPLES = List.of("pxelinux.0", "undionly.kpxe",
      "http://10.0.0.1:8080/boot.ipxe", "tftp://192.0.2.1/ipxe.efi", "/var/lib/tftpboot",
      "EST5EDT", "Europe/Paris", "a");

  private Options() {}

  private static List<DhcpOption> settable(IpVersion version) {
    List<DhcpOption> out = new ArrayList<>();
    for (DhcpOption o : DhcpOptionCatalogue.all(version)) {
      if (o.portAllowed()) {
        out.add(o);
      }
    }
    return List.copyOf(out);
  }

  /** The options a port may set, catalogued ones first, for one IP version. */
  static List<DhcpOption> settableOptions(IpVersion version) {
    return version == IpVersion.V4 ? SETTABLE_V4 : SETTABLE_V6;
  }

  /** Draws a settable option: usually a catalogued one, sometimes an opaque code. */
  static DhcpOption option(RandomnessSource rs, IpVersion version) {
    if (chance(rs, 15)) {
      int code = between(rs, 1, version == IpVersion.V4 ? 254 : 65535);
      DhcpOption o = DhcpOptionCatalogue.byCode(code, version).orElseThrow();
      if (o.portAllowed()) {
        return o;
      }
    }
    return Draws.pick(rs, settableOptions(version));
  }

  /**
   * Draws one extra option of a version through {@link ExtraDhcpOption#of(String, String,
   * IpVersion)}: a name, alias or code in any case, perhaps with an iPXE condition, and a
   * valid raw value for its type.
   */
  static ExtraDhcpOption extraOption(RandomnessSource rs, IpVersion version) {
    DhcpOption option = option(rs, version);
    OptionCondition condition = Draws.pick(rs, List.of(OptionCondition.values()));
    String name = name(rs, option);
    return ExtraDhcpOption.of(condition.namePrefix() + name, value(rs, option), version);
  }

  /** Draws up to {@code max} extra options, no two with the same option and condition. */
  static List<ExtraDhcpOption> extraOptions(RandomnessSource rs, int max) {
    int n = chance(rs, 60) ? 0 : between(rs, 1, max);
    Map<List<Object>, ExtraDhcpOption> out = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      IpVersion v = chance(rs, 75) ? IpVersion.V4 : IpVersion.V6;
      ExtraDhcpOption o = extraOption(rs, v);
      out.putIfAbsent(List.of(o.option().code(), o.ipVersion(), o.condition()), o);
    }
    return List.copyOf(out.values());
  }

  private static String name(RandomnessSource rs, DhcpOption option) {
    boolean byCode = DhcpOptionCatalogue.find(Integer.toString(option.code()), option.ipVersion())
        .filter(option::equals).isPresent();
    List<String> names = new ArrayList<>(option.aliases());
    names.add(option.name());
    switch (between(rs, 0, 3)) {
      case 0:
        if (byCode) {
          return Integer.toString(option.code());
        }
        return option.name();
      case 1:
        return Draws.pick(rs, names).toUpperCase(Locale.ROOT);
      default:
        return Draws.pick(rs, names);
    }
  }

  /** Draws a raw value that {@code option} accepts. */
  static String value(RandomnessSource rs, DhcpOption option) {
    IpVersion v = option.ipVersion();
    int cap = v == IpVersion.V4 ? 255 : 1024;
    OptionType type = option.type();
    switch (type) {
      case IP:
        return address(rs, v);
      case IP_LIST:
        return list(rs, between(rs, 0, v == IpVersion.V4 ? 8 : 4), () -> address(rs, v));
      case INT8:
        return number(rs, 0xffL);
      case INT16:
        return number(rs, 0xffffL);
      case INT32:
        return number(rs, 0xffff_ffffL);
      case BOOL:
        return Draws.pick(rs, List.of("0", "1", "true", "false", "TRUE", "False"));
      case STRING:
        return string(rs, Math.min(cap, 300));
      case DOMAIN_NAME:
        return Names.dnsName(rs, between(rs, 1, 4), Names.MAX_DNS, chance(rs, 20));
      case DOMAIN_LIST:
        return domainList(rs, cap);
      case ROUTES:
        return list(rs, between(rs, 0, 4), () -> route(rs));
      case HEX:
      default:
        return hex(rs, Math.min(cap, 64));
    }
  }

  private static String address(RandomnessSource rs, IpVersion v) {
    String text = Addresses.ip(rs, v).toString();
    return v == IpVersion.V6 && chance(rs, 20) ? "[" + text + "]" : text;
  }

  private static String list(RandomnessSource rs, int n, Supplier<String> e) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : chance(rs, 20) ? ", " : ",").append(e.get());
    }
    return sb.toString();
  }

  private static String number(RandomnessSource rs, long max) {
    String digits = Long.toString(between(rs, 0L, max));
    return chance(rs, 10) ? "00" + digits : digits;
  }

  private static String route(RandomnessSource rs) {
    return Addresses.prefix(rs, IpVersion.V4) + "," + Addresses.ipv4(rs);
  }

  private static String domainList(RandomnessSource rs, int capBytes) {
    int n = between(rs, 0, 4);
    StringBuilder sb = new StringBuilder();
    int budget = capBytes;
    for (int i = 0; i < n && budget >= 3; i++) {
      String name = Names.dnsName(rs, between(rs, 1, 3), Math.min(Names.MAX_DNS, budget - 2),
          false);
      budget -= name.length() + 2;
      sb.append(i == 0 ? "" : ",").append(name);
    }
    return sb.toString();
  }

  /**
   * A STRING value: a sample such as a boot file name, or printable ASCII without commas,
   * quotes or backslashes, not starting or ending with a space, never {@code " #"}, never
   * {@code tag:} or {@code set:}.
   */
  static String string(RandomnessSource rs, int maxLength) {
    if (chance(rs, 40)) {
      return Draws.pick(rs, STRING_SAMPLES);
    }
    int length = between(rs, 1, maxLength);
    Draws.Bytes bytes = new Draws.Bytes(rs);
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      char c = bytes.pick(STRING_CHARS);
      boolean edge = i == 0 || i == length - 1;
      boolean comment = c == '#' && i > 0 && sb.charAt(i - 1) == ' ';
      boolean marker = c == ':' && i >= 3 && isMarker(sb.substring(i - 3, i));
      sb.append(edge && c == ' ' || comment || marker ? '_' : c);
    }
    return sb.toString();
  }

  private static boolean isMarker(String three) {
    String lower = three.toLowerCase(Locale.ROOT);
    return lower.equals("tag") || lower.equals("set");
  }

  private static String hex(RandomnessSource rs, int maxBytes) {
    int n = between(rs, 1, maxBytes);
    Draws.Bytes bytes = new Draws.Bytes(rs);
    StringBuilder sb = new StringBuilder(n * 3);
    for (int i = 0; i < n; i++) {
      String b = Integer.toHexString(bytes.next(256));
      if (b.length() == 1 && bytes.chance(50)) {
        b = "0" + b;
      }
      sb.append(i == 0 ? "" : ":").append(bytes.chance(20) ? b.toUpperCase(Locale.ROOT) : b);
    }
    return sb.toString();
  }
}
