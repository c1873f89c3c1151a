package io.dhcpstate.testkit;

import static io.dhcpstate.testkit.Draws.between;
import static io.dhcpstate.testkit.Draws.chance;

import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.IpVersion;
import java.util.List;
import org.quicktheories.core.RandomnessSource;

/** Valid address-like texts broken in one place, for {@link InvalidValues}. */
final class Mutations {
  /** Characters that are never a hex digit or a separator in an address or MAC. */
  private static final List<String> NOT_HEX = List.of("g", "G", "z", " ", "/", "%", "\n",
      "\u0000", ",", "\uFF10", "\u0661", "\u00e9", "+", "-1");

  private Mutations() {}

  /** Breaks a valid MAC text: a non-hex digit, a length change or a foreign separator. */
  static String mac(RandomnessSource rs, String valid) {
    int at = between(rs, 0, valid.length() - 1);
    switch (between(rs, 0, 4)) {
      case 0:
        return valid.substring(0, at) + valid.substring(at + 1);
      case 1:
        return InvalidValues.splice(rs, valid, String.valueOf(Draws.pick(rs, "0a:-")));
      case 2:
        int sep = 3 * between(rs, 0, 4) + 2;
        return valid.substring(0, sep) + Draws.pick(rs, ".-_ ") + valid.substring(sep + 1);
      default:
        int digit = 3 * between(rs, 0, 5) + between(rs, 0, 1);
        return valid.substring(0, digit) + Draws.pick(rs, NOT_HEX) + valid.substring(digit + 1);
    }
  }

  /** Breaks a valid address text, of either version, in one place. */
  static String ip(RandomnessSource rs) {
    IpVersion v = chance(rs, 50) ? IpVersion.V4 : IpVersion.V6;
    String valid = Addresses.ip(rs, v).toString();
    switch (between(rs, 0, 3)) {
      case 0:
        if (v == IpVersion.V4) {
          return valid + "." + between(rs, 0, 255);
        }
        return valid.contains("::") ? valid + "::1" : valid + ":1";
      case 1:
        if (v == IpVersion.V4) {
          String[] octets = valid.split("\\.");
          octets[between(rs, 0, 3)] = Integer.toString(between(rs, 256, 999));
          return String.join(".", octets);
        }
        return valid.replaceFirst("^[0-9a-f]*", "1ffff");
      default:
        int at = between(rs, 0, valid.length());
        return valid.substring(0, at) + Draws.pick(rs, NOT_HEX) + valid.substring(at);
    }
  }

  /** Draws an invalid CIDR: host bits set, a length out of range or a broken address. */
  static String cidr(RandomnessSource rs) {
    IpVersion v = chance(rs, 60) ? IpVersion.V4 : IpVersion.V6;
    IpAddress ip = Addresses.ip(rs, v);
    switch (between(rs, 0, 2)) {
      case 0:
        int length = between(rs, 0, v.bits() - 1);
        IpAddress withHostBit = Addresses.mask(ip, length).plus(1);
        return withHostBit + "/" + length;
      case 1:
        return Addresses.mask(ip, v.bits()) + "/" + between(rs, v.bits() + 1, 999);
      default:
        return ip(rs) + "/" + between(rs, 0, v.bits());
    }
  }

  /** Breaks a valid client id: a digit removed or replaced, a separator changed or doubled. */
  static String clientId(RandomnessSource rs, String valid) {
    int at = between(rs, 0, valid.length() - 1);
    switch (between(rs, 0, 3)) {
      case 0:
        return valid.substring(0, at) + valid.substring(at + 1);
      case 1:
        return valid.substring(0, at) + Draws.pick(rs, NOT_HEX) + valid.substring(at + 1);
      case 2:
        return valid + (chance(rs, 50) ? ":" : ":0");
      default:
        return valid.replace(':', Draws.pick(rs, "-. ")) + (valid.length() == 2 ? ":" : "");
    }
  }
}
