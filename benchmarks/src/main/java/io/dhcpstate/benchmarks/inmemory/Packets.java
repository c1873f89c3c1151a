package io.dhcpstate.benchmarks.inmemory;

import java.io.ByteArrayOutputStream;

/**
 * Hand-encoded DHCPv4 client messages (RFC 2131 §2, RFC 2132) for the handler benchmark, so
 * the measured side is the only user of the codec. Stateless.
 */
final class Packets {
  private static final int MAGIC_COOKIE = 0x63825363;

  private Packets() {}

  /** A broadcast DISCOVER from a client with client identifier 01+MAC. */
  static byte[] discover(int xid, byte[] mac, byte[] parameters) {
    ByteArrayOutputStream out = header(xid, mac);
    option(out, 53, new byte[] {1});
    option(out, 61, clientId(mac));
    option(out, 55, parameters);
    option(out, 57, new byte[] {0x05, (byte) 0xdc});
    return finish(out);
  }

  /** A SELECTING-state REQUEST for {@code ip} from server {@code serverId}. */
  static byte[] request(int xid, byte[] mac, byte[] parameters, byte[] ip, byte[] serverId) {
    ByteArrayOutputStream out = header(xid, mac);
    option(out, 53, new byte[] {3});
    option(out, 61, clientId(mac));
    option(out, 50, ip);
    option(out, 54, serverId);
    option(out, 55, parameters);
    option(out, 57, new byte[] {0x05, (byte) 0xdc});
    return finish(out);
  }

  /** The message type (option 53) of an encoded message, or -1. */
  static int type(byte[] packet) {
    int i = 240;
    while (i + 1 < packet.length) {
      int code = packet[i] & 0xff;
      if (code == 255) {
        return -1;
      }
      if (code == 0) {
        i++;
        continue;
      }
      int len = packet[i + 1] & 0xff;
      if (code == 53 && len == 1 && i + 2 < packet.length) {
        return packet[i + 2];
      }
      i += 2 + len;
    }
    return -1;
  }

  private static byte[] clientId(byte[] mac) {
    byte[] id = new byte[7];
    id[0] = 1;
    System.arraycopy(mac, 0, id, 1, 6);
    return id;
  }

  private static ByteArrayOutputStream header(int xid, byte[] mac) {
    byte[] h = new byte[240];
    h[0] = 1; // BOOTREQUEST
    h[1] = 1; // Ethernet
    h[2] = 6;
    h[4] = (byte) (xid >>> 24);
    h[5] = (byte) (xid >>> 16);
    h[6] = (byte) (xid >>> 8);
    h[7] = (byte) xid;
    h[10] = (byte) 0x80; // broadcast flag
    System.arraycopy(mac, 0, h, 28, 6);
    h[236] = (byte) (MAGIC_COOKIE >>> 24);
    h[237] = (byte) (MAGIC_COOKIE >>> 16);
    h[238] = (byte) (MAGIC_COOKIE >>> 8);
    h[239] = (byte) MAGIC_COOKIE;
    ByteArrayOutputStream out = new ByteArrayOutputStream(300);
    out.writeBytes(h);
    return out;
  }

  private static void option(ByteArrayOutputStream out, int code, byte[] value) {
    out.write(code);
    out.write(value.length);
    out.writeBytes(value);
  }

  private static byte[] finish(ByteArrayOutputStream out) {
    out.write(255);
    while (out.size() < 300) {
      out.write(0); // pad to the BOOTP minimum, as clients do
    }
    return out.toByteArray();
  }
}
