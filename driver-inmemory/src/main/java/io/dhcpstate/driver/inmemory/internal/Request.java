package io.dhcpstate.driver.inmemory.internal;

import io.dhcpstate.internal.Checks;
import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.MacAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import org.dhcp4java.DHCPPacket;

/** A parsed, checked DHCPv4 request: the fields the protocol logic reads. */
final class Request {
  static final IpAddress ZERO = IpAddress.ofV4(0);
  /** The fixed BOOTP header and the magic cookie. */
  static final int HEADER = 240;
  /** The most dhcp4java decodes or encodes (it refuses anything longer). */
  static final int CODEC_MAX = 1500;
  /** What every client accepts (RFC 2131 §2: a 576-octet IP datagram, less IP and UDP). */
  static final int DEFAULT_REPLY_MAX = 548;
  private static final int IP_UDP_HEADERS = 28;
  private static final int MAGIC_COOKIE = 0x63825363;

  final DHCPPacket packet;
  final InetSocketAddress source;
  final byte type;
  final MacAddress mac;
  final Optional<String> clientId;
  /** Option 61 as sent, echoed in replies (RFC 6842); null when absent. */
  final byte[] clientIdRaw;
  final String clientKey;
  final IpAddress ciaddr;
  final IpAddress giaddr;
  final Optional<IpAddress> requestedIp;
  final Optional<IpAddress> serverId;
  /** The link the client is on, from option 118 or option 82's link selection. */
  final Optional<IpAddress> linkSelection;
  final boolean ipxe;
  final byte[] parameterList;
  final Optional<String> hostname;
  /** The largest reply the client accepts, from option 57, within what the codec can write. */
  final int maxReplySize;

  private Request(DHCPPacket p, InetSocketAddress source, byte type) {
    this.packet = p;
    this.source = source;
    this.type = type;
    this.mac = MacAddress.ofBytes(p.getChaddr());
    byte[] cid = p.getOptionRaw((byte) 61);
    this.clientIdRaw = cid == null || cid.length == 0 ? null : cid;
    this.clientId = clientIdRaw == null ? Optional.empty()
        : Optional.of(HexFormat.ofDelimiter(":").formatHex(cid, 0, Math.min(cid.length, 255)));
    this.clientKey = clientId.map(c -> "id:" + c).orElse("hw:" + mac);
    this.ciaddr = IpAddress.ofBytes(p.getCiaddrRaw());
    this.giaddr = IpAddress.ofBytes(p.getGiaddrRaw());
    this.requestedIp = ip(p.getOptionRaw((byte) 50));
    this.serverId = ip(p.getOptionRaw((byte) 54));
    this.linkSelection = ip(p.getOptionRaw((byte) 118)).or(() -> linkSelection82(p));
    byte[] userClass = p.getOptionRaw((byte) 77);
    this.ipxe = p.containsOption((byte) 175)
        || userClass != null && new String(userClass, StandardCharsets.ISO_8859_1).contains("iPXE");
    this.parameterList = p.getOptionRaw((byte) 55);
    this.hostname = host(p.getOptionRaw((byte) 12));
    this.maxReplySize = maxReplySize(p.getOptionRaw((byte) 57));
  }

  /**
   * Parses a datagram into a request, or returns null when it is not a well-formed DHCP
   * BOOTREQUEST from an Ethernet client of a type a server answers. Never throws.
   */
  static Request parse(byte[] data, int offset, int length, InetSocketAddress source,
      int maxLength) {
    if (length < HEADER || length > maxLength || offset < 0 || offset + length > data.length
        || data[offset] != 1 || data[offset + 1] != 1 || data[offset + 2] != 6
        || readInt(data, offset + 236) != MAGIC_COOKIE) {
      return null;
    }
    int used = optionsEnd(data, offset, length);
    if (used < 0 || used > CODEC_MAX) {
      return null; // truncated options, or more than the codec can read
    }
    try {
      // Padding after the END option is dropped: dhcp4java refuses datagrams over 1500 bytes.
      DHCPPacket p = DHCPPacket.getPacket(data, offset, used, true);
      if (p.getOp() != 1 || p.getHtype() != 1 || p.getHlen() != 6 || !p.isDhcp()) {
        return null;
      }
      Byte type = p.getDHCPMessageType();
      if (type == null || type < DhcpServer.DISCOVER || type > DhcpServer.INFORM
          || type == DhcpServer.OFFER || type == DhcpServer.ACK || type == DhcpServer.NAK) {
        return null;
      }
      return new Request(p, source, type);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The length up to and including the END option, or -1 when there is none. */
  private static int optionsEnd(byte[] data, int offset, int length) {
    int i = HEADER;
    while (i < length) {
      int code = data[offset + i] & 0xff;
      if (code == 255) {
        return i + 1;
      }
      if (code == 0) {
        i++;
        continue;
      }
      if (i + 1 >= length) {
        return -1;
      }
      i += 2 + (data[offset + i + 1] & 0xff);
    }
    return -1;
  }

  private static int readInt(byte[] b, int at) {
    return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8
        | b[at + 3] & 0xff;
  }

  /** Option 57 counts the whole IP datagram (as dnsmasq reads it); at least 576 is legal. */
  private static int maxReplySize(byte[] raw) {
    if (raw == null || raw.length != 2) {
      return DEFAULT_REPLY_MAX;
    }
    int datagram = (raw[0] & 0xff) << 8 | raw[1] & 0xff;
    return Math.max(DEFAULT_REPLY_MAX, Math.min(CODEC_MAX, datagram - IP_UDP_HEADERS));
  }

  private static Optional<IpAddress> ip(byte[] raw) {
    return raw != null && raw.length == 4 ? Optional.of(IpAddress.ofBytes(raw)) : Optional.empty();
  }

  /** Option 82 sub-option 5 (RFC 3527 link selection). */
  private static Optional<IpAddress> linkSelection82(DHCPPacket p) {
    byte[] agent = p.getOptionRaw((byte) 82);
    if (agent == null) {
      return Optional.empty();
    }
    for (int i = 0; i + 1 < agent.length; ) {
      int code = agent[i] & 0xff;
      int len = agent[i + 1] & 0xff;
      if (i + 2 + len > agent.length) {
        return Optional.empty();
      }
      if (code == 5 && len == 4) {
        byte[] b = new byte[4];
        System.arraycopy(agent, i + 2, b, 0, 4);
        return Optional.of(IpAddress.ofBytes(b));
      }
      i += 2 + len;
    }
    return Optional.empty();
  }

  /** A client-sent host name, kept only when it is a valid RFC 1123 label. */
  private static Optional<String> host(byte[] raw) {
    if (raw == null || raw.length == 0 || raw.length > 63) {
      return Optional.empty();
    }
    String s = new String(raw, StandardCharsets.US_ASCII);
    return Checks.dnsNameProblem(s) == null && s.indexOf('.') < 0
        ? Optional.of(s) : Optional.empty();
  }

  /** Whether the client asked for an option (every option when it sent no list). */
  boolean requested(int code) {
    return parameterList == null || position(code) >= 0;
  }

  /** Where an option is in the parameter request list, or -1. */
  int position(int code) {
    if (parameterList == null) {
      return -1;
    }
    for (int i = 0; i < parameterList.length; i++) {
      if ((parameterList[i] & 0xff) == code) {
        return i;
      }
    }
    return -1;
  }
}
