package io.dhcpstate.driver.inmemory.internal;

import io.dhcpstate.model.ExtraDhcpOption;
import io.dhcpstate.model.HostRoute;
import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.IpPrefix;
import io.dhcpstate.options.OptionType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes validated DHCPv4 option values into their wire form (RFC 2132, RFC 3397 domain
 * search, RFC 3442 classless routes). Values reaching here were normalised by the model, so
 * encoding cannot fail on syntax; a value longer than one option (255 bytes) is cut at the
 * last whole element and reported by returning a shorter array.
 */
public final class OptionEncoder {
  private OptionEncoder() {}

  /**
   * Encodes an extra option's value by its catalogue type.
   *
   * @param option the option
   * @return the wire bytes, at most 255
   */
  public static byte[] encode(ExtraDhcpOption option) {
    String v = option.value();
    OptionType type = option.option().type();
    return switch (type) {
      case IP -> IpAddress.parse(v).toBytes();
      case IP_LIST -> ipList(v);
      case INT8 -> new byte[] {(byte) Long.parseLong(v)};
      case INT16 -> int16((int) Long.parseLong(v));
      case INT32 -> int32(Long.parseLong(v));
      case BOOL -> new byte[] {(byte) ("1".equals(v) ? 1 : 0)};
      case STRING, DOMAIN_NAME -> cap(v.getBytes(StandardCharsets.US_ASCII));
      case DOMAIN_LIST -> domainList(v.isEmpty() ? List.of() : List.of(v.split(",")));
      case ROUTES -> routes(v);
      case HEX -> hexOrString(v);
    };
  }

  static byte[] int16(int v) {
    return new byte[] {(byte) (v >>> 8), (byte) v};
  }

  static byte[] int32(long v) {
    return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
  }

  static byte[] ips(List<IpAddress> ips) {
    int n = Math.min(ips.size(), 63);
    byte[] out = new byte[4 * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(ips.get(i).toBytes(), 0, out, 4 * i, 4);
    }
    return out;
  }

  private static byte[] ipList(String v) {
    if (v.isEmpty()) {
      return new byte[0];
    }
    String[] parts = v.split(",");
    List<IpAddress> ips = new java.util.ArrayList<>(parts.length);
    for (String p : parts) {
      ips.add(IpAddress.parse(p));
    }
    return ips(ips);
  }

  /** RFC 1035 name encoding of a list of names, for option 119, cut at 255 bytes. */
  static byte[] domainList(List<String> names) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String name : names) {
      ByteArrayOutputStream one = new ByteArrayOutputStream();
      for (String label : name.split("\\.")) {
        if (!label.isEmpty()) {
          one.write(label.length());
          one.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
        }
      }
      one.write(0);
      if (out.size() + one.size() > 255) {
        break;
      }
      out.writeBytes(one.toByteArray());
    }
    return out.toByteArray();
  }

  private static byte[] routes(String v) {
    if (v.isEmpty()) {
      return new byte[0];
    }
    String[] parts = v.split(",");
    List<HostRoute> routes = new java.util.ArrayList<>(parts.length / 2);
    for (int i = 0; i + 1 < parts.length; i += 2) {
      routes.add(new HostRoute(IpPrefix.parse(parts[i]), IpAddress.parse(parts[i + 1])));
    }
    return classlessRoutes(routes);
  }

  /** RFC 3442 encoding: width, significant destination octets, router; cut at 255 bytes. */
  static byte[] classlessRoutes(List<HostRoute> routes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (HostRoute r : routes) {
      int width = r.destination().prefixLength();
      int significant = (width + 7) / 8;
      if (out.size() + 1 + significant + 4 > 255) {
        break;
      }
      out.write(width);
      out.write(r.destination().address().toBytes(), 0, significant);
      out.writeBytes(r.nexthop().toBytes());
    }
    return out.toByteArray();
  }

  private static byte[] hexOrString(String v) {
    String[] parts = v.split(":", -1);
    boolean hex = parts.length > 0;
    for (String p : parts) {
      hex &= p.length() == 2 && Character.digit(p.charAt(0), 16) >= 0
          && Character.digit(p.charAt(1), 16) >= 0;
    }
    if (!hex) {
      return cap(v.getBytes(StandardCharsets.US_ASCII));
    }
    byte[] out = new byte[Math.min(parts.length, 255)];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(parts[i], 16);
    }
    return out;
  }

  private static byte[] cap(byte[] b) {
    return b.length <= 255 ? b : java.util.Arrays.copyOf(b, 255);
  }
}
