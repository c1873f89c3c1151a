package io.dhcpstate.options;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.internal.Checks;
import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.IpPrefix;
import io.dhcpstate.model.IpVersion;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks and normalises option values by type. Reasons name what is wrong and where (an index
 * or a 1-based element number) but never quote the value, which may be a secret.
 */
final class OptionValues {
  /** Longest raw value looked at, in characters. */
  static final int MAX_TEXT = 2048;
  /** Largest encoded DHCPv4 option value: the option's one-byte length field. */
  static final int MAX_V4_BYTES = 255;
  /** Largest encoded DHCPv6 option value accepted. */
  static final int MAX_V6_BYTES = 1024;

  private OptionValues() {}

  /** A rule was broken; the message is the reason, safe to show. */
  static final class Rejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Rejected(String reason) {
      super(reason, null, false, false);
    }
  }

  static String normalize(DhcpOption option, String value) {
    if (value.length() > MAX_TEXT) {
      throw new Rejected(
          "is " + value.length() + " characters long; at most " + MAX_TEXT + " are accepted");
    }
    checkCharacters(value);
    OptionType type = option.type();
    boolean clientId = isClientId(option);
    if (!type.isList() && !clientId) {
      int comma = value.indexOf(',');
      if (comma >= 0) {
        throw new Rejected("contains a comma at index " + comma + " but " + what(type, option)
            + " is a single item");
      }
    }
    if (value.isEmpty()) {
      if (type.allowsEmpty()) {
        return "";
      }
      throw new Rejected("is empty; " + what(type, option) + " needs a value");
    }
    String normal = switch (type) {
      case IP -> address(value, option.ipVersion(), "not " + article(option) + " address")
          .toString();
      case IP_LIST -> ipList(value, option);
      case INT8 -> number(value, 0xffL);
      case INT16 -> number(value, 0xffffL);
      case INT32 -> number(value, 0xffff_ffffL);
      case BOOL -> bool(value);
      case STRING -> string(value, option);
      case DOMAIN_NAME -> domain(value, "not a DNS name: ");
      case DOMAIN_LIST -> domainList(value, option);
      case ROUTES -> routes(value, option);
      case HEX -> clientId ? clientId(value, option) : hex(value, option);
    };
    return normal;
  }

  /** Options 61 (v4) and 1 (v6): a client identifier, hex or a string. */
  static boolean isClientId(DhcpOption option) {
    return option.type() == OptionType.HEX
        && option.code() == (option.ipVersion() == IpVersion.V4 ? 61 : 1);
  }

  private static void checkCharacters(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\n' || c == '\r' || c == '\u000b' || c == '\u000c' || c == '\u0085'
          || c == '\u2028' || c == '\u2029') {
        throw new Rejected("contains a line break at index " + i);
      }
      if (c == 0) {
        throw new Rejected("contains a NUL character at index " + i);
      }
      if (c < 0x20 || c == 0x7f) {
        throw new Rejected(
            String.format("contains a control character (U+%04X) at index %d", (int) c, i));
      }
      if (c > 0x7e) {
        throw new Rejected("contains a non-ASCII character at index " + i);
      }
      if (c == '"' || c == '\'') {
        throw new Rejected("contains a quote at index " + i);
      }
      if (c == '\\') {
        throw new Rejected("contains a backslash at index " + i);
      }
    }
    String lower = value.toLowerCase(Locale.ROOT);
    for (String marker : new String[] {"tag:", "set:"}) {
      int at = lower.indexOf(marker);
      if (at >= 0) {
        throw new Rejected("contains '" + marker + "' at index " + at
            + "; conditions belong in the option name, never in a value");
      }
    }
  }

  private static String what(OptionType type, DhcpOption option) {
    return "a value of option " + option.name() + " (" + type + ")";
  }

  private static String article(DhcpOption option) {
    return option.ipVersion() == IpVersion.V4 ? "an IPv4" : "an IPv6";
  }

  private static int capBytes(DhcpOption option) {
    return option.ipVersion() == IpVersion.V4 ? MAX_V4_BYTES : MAX_V6_BYTES;
  }

  private static void checkSize(DhcpOption option, int bytes, String unit) {
    int cap = capBytes(option);
    if (bytes > cap) {
      throw new Rejected("encodes to " + bytes + " bytes (" + unit + "); a DHCPv"
          + option.ipVersion().number() + " option value here holds at most " + cap);
    }
  }

  private static IpAddress address(String text, IpVersion version, String reason) {
    String t = text;
    if (version == IpVersion.V6 && t.length() > 2 && t.charAt(0) == '['
        && t.charAt(t.length() - 1) == ']') {
      t = t.substring(1, t.length() - 1);
    }
    Optional<IpAddress> ip = IpAddress.tryParse(t);
    if (ip.isEmpty() || ip.get().version() != version) {
      throw new Rejected(reason);
    }
    return ip.get();
  }

  /** Splits a list at commas, dropping ASCII spaces around each element. */
  private static String[] elements(String value, String listName) {
    String[] parts = value.split(",", -1);
    for (int i = 0; i < parts.length; i++) {
      parts[i] = parts[i].strip();
      if (parts[i].isEmpty()) {
        throw new Rejected("not " + listName + ": element " + (i + 1) + " is empty");
      }
    }
    return parts;
  }

  private static String ipList(String value, DhcpOption option) {
    String listName = article(option) + " address list";
    String[] parts = elements(value, listName);
    int size = option.ipVersion() == IpVersion.V4 ? 4 : 16;
    checkSize(option, parts.length * size, parts.length + " addresses");
    StringBuilder sb = new StringBuilder(value.length());
    for (int i = 0; i < parts.length; i++) {
      IpAddress ip = address(parts[i], option.ipVersion(),
          "not " + listName + ": element " + (i + 1) + " is not " + article(option) + " address");
      sb.append(i == 0 ? "" : ",").append(ip);
    }
    return sb.toString();
  }

  private static String number(String value, long max) {
    if (value.length() > 20) {
      throw new Rejected("not a decimal number in 0.." + max + ": too many digits");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        throw new Rejected(
            "not a decimal number in 0.." + max + ": non-digit at index " + i);
      }
    }
    int start = 0;
    while (start < value.length() - 1 && value.charAt(start) == '0') {
      start++;
    }
    String digits = value.substring(start);
    if (digits.length() > 10 || Long.parseLong(digits) > max) {
      throw new Rejected("is out of range 0.." + max);
    }
    return digits;
  }

  private static String bool(String value) {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "0":
      case "false":
        return "0";
      case "1":
      case "true":
        return "1";
      default:
        throw new Rejected("not a flag: use 0, 1, true or false");
    }
  }

  private static String string(String value, DhcpOption option) {
    if (value.charAt(0) == ' ') {
      throw new Rejected("starts with a space");
    }
    if (value.charAt(value.length() - 1) == ' ') {
      throw new Rejected("ends with a space");
    }
    int hash = value.indexOf(" #");
    if (hash >= 0) {
      throw new Rejected("has '#' after a space at index " + (hash + 1)
          + ", which dnsmasq would read as a comment");
    }
    checkSize(option, value.length(), value.length() + " characters");
    return value;
  }

  private static String domain(String name, String prefix) {
    String problem = Checks.dnsNameProblem(name);
    if (problem != null) {
      throw new Rejected(prefix + problem);
    }
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }

  private static String domainList(String value, DhcpOption option) {
    String[] parts = elements(value, "a domain list");
    StringBuilder sb = new StringBuilder(value.length());
    int bytes = 0;
    for (int i = 0; i < parts.length; i++) {
      String name = domain(parts[i], "not a domain list: element " + (i + 1) + ": ");
      bytes += name.length() + 2;
      sb.append(i == 0 ? "" : ",").append(name);
    }
    checkSize(option, bytes, parts.length + " names in wire format");
    return sb.toString();
  }

  private static String routes(String value, DhcpOption option) {
    if (option.ipVersion() != IpVersion.V4) {
      throw new Rejected("classless static routes exist for DHCPv4 only");
    }
    String[] parts = elements(value, "a route list");
    if (parts.length % 2 != 0) {
      throw new Rejected("not a route list: it has " + parts.length
          + " elements but routes come in destination,next-hop pairs");
    }
    StringBuilder sb = new StringBuilder(value.length());
    int bytes = 0;
    for (int i = 0; i < parts.length; i += 2) {
      IpPrefix dest = destination(parts[i], i + 1);
      IpAddress hop = address(parts[i + 1], IpVersion.V4,
          "not a route list: element " + (i + 2) + " is not an IPv4 next hop");
      bytes += 1 + (dest.prefixLength() + 7) / 8 + 4;
      sb.append(i == 0 ? "" : ",").append(dest).append(',').append(hop);
    }
    checkSize(option, bytes, parts.length / 2 + " routes");
    return sb.toString();
  }

  private static IpPrefix destination(String text, int element) {
    String bad = "not a route list: element " + element + " is not an IPv4 destination CIDR";
    int slash = text.indexOf('/');
    if (slash <= 0 || slash == text.length() - 1 || text.length() - slash > 3) {
      throw new Rejected(bad);
    }
    String len = text.substring(slash + 1);
    if (!len.chars().allMatch(c -> c >= '0' && c <= '9')
        || len.length() > 1 && len.charAt(0) == '0') {
      throw new Rejected(bad);
    }
    IpAddress ip = address(text.substring(0, slash), IpVersion.V4, bad);
    int length = Integer.parseInt(len);
    if (length > 32) {
      throw new Rejected("not a route list: element " + element + " has a prefix length over 32");
    }
    try {
      return new IpPrefix(ip, length);
    } catch (InvalidResourceException e) {
      throw new Rejected("not a route list: element " + element + " has host bits set");
    }
  }

  private static String hex(String value, DhcpOption option) {
    String[] parts = value.split(":", -1);
    StringBuilder sb = new StringBuilder(parts.length * 3);
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 2 || Checks.hexDigit(p.charAt(0)) < 0
          || p.length() == 2 && Checks.hexDigit(p.charAt(1)) < 0) {
        throw new Rejected("not colon-separated hex bytes: byte " + (i + 1)
            + " is not one or two hex digits");
      }
      sb.append(i == 0 ? "" : ":").append(p.length() == 1 ? "0" : "")
          .append(p.toLowerCase(Locale.ROOT));
    }
    checkSize(option, parts.length, parts.length + " bytes");
    return sb.toString();
  }

  private static String clientId(String value, DhcpOption option) {
    try {
      return hex(value, option);
    } catch (Rejected notHex) {
      int comma = value.indexOf(',');
      if (comma >= 0) {
        throw new Rejected("contains a comma at index " + comma
            + " but a client identifier is a single item");
      }
      try {
        return string(value, option);
      } catch (Rejected notString) {
        throw new Rejected("neither colon hex nor a plain string: " + notString.getMessage());
      }
    }
  }
}
