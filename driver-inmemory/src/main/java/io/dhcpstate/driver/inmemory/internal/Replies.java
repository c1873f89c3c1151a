package io.dhcpstate.driver.inmemory.internal;

import io.dhcpstate.driver.inmemory.internal.DhcpServer.Placement;
import io.dhcpstate.driver.inmemory.internal.DhcpServer.Reply;
import io.dhcpstate.model.ExtraDhcpOption;
import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.IpVersion;
import io.dhcpstate.model.OptionCondition;
import io.dhcpstate.model.Port;
import io.dhcpstate.spi.DhcpSettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dhcp4java.DHCPPacket;

/**
 * Builds and encodes reply packets. Options are layered with the precedence of the design:
 * derived from the subnet (and the client's host name and domain) &lt; the agent's global
 * options &lt; the port's extra options; within one layer an option whose iPXE condition
 * matches beats the unconditional one, as in dnsmasq. Options the client did not list in its
 * parameter request list are left out, except the ones every reply needs and the MTU, which is
 * forced as Neutron forces it. Requested options go in the client's order (RFC 2132 §9.8), and
 * a reply never exceeds the size the client accepts (option 57, else 576 octets): options that
 * do not fit are left out, the essential ones last.
 */
final class Replies {
  /** Sent whatever the parameter request list says, in this order, before anything else. */
  private static final int[] ALWAYS_SENT = {54, 51, 58, 59, 1, 26};
  private static final int SERVER_IP_ADDRESS = 255;
  private static final int CLIENT_ID = 61;
  private static final int LEASE_TIME = 51;
  private static final int FILE_FIELD = 128;

  private Replies() {}

  /** The options of one reply before filtering, and the fixed fields options may set. */
  private static final class Composed {
    final Map<Integer, byte[]> options;
    byte[] siaddr;
    byte[] file;

    Composed(Map<Integer, byte[]> options) {
      this.options = options;
    }
  }

  /** An OFFER or ACK giving {@code yiaddr} to the client. */
  static Reply lease(Request req, byte type, IpAddress yiaddr, Placement at,
      SubnetProfile profile) {
    DHCPPacket r = base(req, type);
    r.setYiaddrRaw(yiaddr.toBytes());
    if (type == DhcpServer.ACK && !req.ciaddr.isUnspecified()) {
      r.setCiaddrRaw(req.ciaddr.toBytes());
    }
    Composed c = compose(req, at, profile, yiaddr);
    long lease = leaseSeconds(c.options.get(LEASE_TIME), profile.leaseSeconds);
    return new Reply(encode(req, r, c), type, lease);
  }

  /** The ACK to an INFORM: configuration without a lease and with yiaddr 0. */
  static Reply inform(Request req, Placement at, SubnetProfile profile) {
    DHCPPacket r = base(req, DhcpServer.ACK);
    r.setCiaddrRaw(req.ciaddr.toBytes());
    Composed c = compose(req, at, profile, req.ciaddr);
    c.options.remove(51);
    c.options.remove(58);
    c.options.remove(59);
    return new Reply(encode(req, r, c), DhcpServer.ACK, 0);
  }

  static Reply nak(Request req, Placement at) {
    DHCPPacket r = base(req, DhcpServer.NAK);
    SubnetProfile profile = at.profile() != null ? at.profile()
        : at.network().profiles.isEmpty() ? null : at.network().profiles.get(0);
    if (profile != null) {
      r.setOptionRaw((byte) 54, profile.serverId.toBytes());
    }
    if (!req.giaddr.isUnspecified()) {
      r.setFlags((short) (r.getFlags() | 0x8000)); // relay must broadcast the NAK
    }
    echoRelayInfo(req, r);
    return new Reply(r.serialize(), DhcpServer.NAK, 0);
  }

  /**
   * The server identifier a port's own extra options give its client (option 54 may be set
   * per port), if any.
   */
  static Optional<IpAddress> portServerId(Request req, Port port) {
    if (port == null) {
      return Optional.empty();
    }
    Map<Integer, byte[]> o = new LinkedHashMap<>();
    layer(new Composed(o), port.extraDhcpOptions(), req.ipxe);
    byte[] id = o.get(54);
    return id != null && id.length == 4 ? Optional.of(IpAddress.ofBytes(id)) : Optional.empty();
  }

  private static long leaseSeconds(byte[] option, long fallback) {
    if (option == null || option.length != 4) {
      return fallback;
    }
    long v = (option[0] & 0xffL) << 24 | (option[1] & 0xffL) << 16 | (option[2] & 0xffL) << 8
        | option[3] & 0xffL;
    return v == 0xffff_ffffL ? -1 : v;
  }

  private static DHCPPacket base(Request req, byte type) {
    DHCPPacket p = req.packet;
    DHCPPacket r = new DHCPPacket();
    r.setOp((byte) 2);
    r.setHtype(p.getHtype());
    r.setHlen(p.getHlen());
    r.setXid(p.getXid());
    r.setFlags(p.getFlags());
    r.setGiaddrRaw(p.getGiaddrRaw());
    r.setChaddr(p.getChaddr());
    r.setDhcp(true);
    r.setDHCPMessageType(type);
    if (req.clientIdRaw != null) {
      r.setOptionRaw((byte) CLIENT_ID, req.clientIdRaw); // RFC 6842
    }
    return r;
  }

  private static Composed compose(Request req, Placement at, SubnetProfile profile,
      IpAddress clientIp) {
    ServedNetwork net = at.network();
    DhcpSettings settings = net.settings;
    Composed c = new Composed(new LinkedHashMap<>(profile.derived));
    Port port = at.port();
    String host = port != null && port.hostname().isPresent()
        ? shortName(port.hostname().get()) : "host-" + clientIp.toString().replace('.', '-');
    c.options.put(12, host.getBytes(StandardCharsets.US_ASCII));
    Optional<String> domain = net.snapshot.network().dnsDomain().or(settings::defaultDomain);
    domain.ifPresent(d -> c.options.put(15, d.getBytes(StandardCharsets.US_ASCII)));
    layer(c, settings.globalV4Options(), req.ipxe);
    if (port != null) {
      layer(c, port.extraDhcpOptions(), req.ipxe);
    }
    return c;
  }

  /** Applies one layer: its unconditional options, then those whose condition matches. */
  private static void layer(Composed c, List<ExtraDhcpOption> options, boolean ipxe) {
    for (int pass = 0; pass < 2; pass++) {
      for (ExtraDhcpOption x : options) {
        boolean conditional = x.condition() != OptionCondition.ALWAYS;
        if (x.ipVersion() != IpVersion.V4 || conditional != (pass == 1)
            || conditional && (x.condition() == OptionCondition.IPXE) != ipxe) {
          continue;
        }
        int code = x.option().code();
        if (code == CLIENT_ID) {
          continue; // the client's own identifier is echoed; a port's only names its client
        }
        byte[] value = OptionEncoder.encode(x);
        if (code == SERVER_IP_ADDRESS) {
          c.siaddr = value;
          continue;
        }
        if (code == 67) {
          byte[] file = x.value().getBytes(StandardCharsets.US_ASCII);
          c.file = file.length < FILE_FIELD ? file : null; // else only the option carries it
        }
        c.options.put(code, value);
      }
    }
  }

  private static String shortName(String hostname) {
    int dot = hostname.indexOf('.');
    return dot < 0 ? hostname : hostname.substring(0, dot);
  }

  /** Writes the options that were asked for and fit, and serializes the packet. */
  private static byte[] encode(Request req, DHCPPacket r, Composed c) {
    if (c.siaddr != null) {
      r.setSiaddrRaw(c.siaddr);
    }
    if (c.file != null) {
      r.setFileRaw(c.file);
    }
    byte[] agent = relayInfo(req);
    int used = Request.HEADER + 3 + 1 + (agent == null ? 0 : 2 + agent.length)
        + (req.clientIdRaw == null ? 0 : 2 + req.clientIdRaw.length);
    for (int code : order(req, c.options)) {
      byte[] value = c.options.get(code);
      if (used + 2 + value.length <= req.maxReplySize) {
        r.setOptionRaw((byte) code, value);
        used += 2 + value.length;
      }
    }
    if (agent != null) {
      r.setOptionRaw((byte) 82, agent); // RFC 3046: last
    }
    return r.serialize();
  }

  /** The options to send, most important first: always-sent, then the client's list order. */
  private static List<Integer> order(Request req, Map<Integer, byte[]> options) {
    List<Integer> out = new ArrayList<>(options.size());
    for (int code : ALWAYS_SENT) {
      if (options.containsKey(code)) {
        out.add(code);
      }
    }
    if (req.parameterList != null) {
      for (byte b : req.parameterList) {
        int code = b & 0xff;
        if (options.containsKey(code) && !out.contains(code)) {
          out.add(code);
        }
      }
    } else {
      for (int code : options.keySet()) {
        if (!out.contains(code)) {
          out.add(code);
        }
      }
    }
    return out;
  }

  private static byte[] relayInfo(Request req) {
    return req.giaddr.isUnspecified() ? null : req.packet.getOptionRaw((byte) 82);
  }

  private static void echoRelayInfo(Request req, DHCPPacket r) {
    byte[] agent = relayInfo(req);
    if (agent != null) {
      r.setOptionRaw((byte) 82, agent);
    }
  }
}
