package io.dhcpstate.driver.inmemory;

import io.dhcpstate.model.AddressMode;
import io.dhcpstate.model.ExtraDhcpOption;
import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.Lease;
import io.dhcpstate.model.Network;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.Port;
import io.dhcpstate.model.Subnet;
import io.dhcpstate.spi.DriverContext;
import io.dhcpstate.spi.LeaseEvent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dhcp4java.DHCPPacket;

/**
 * Builds the client side of DHCP exchanges for the protocol tests: request packets (with
 * dhcp4java), the small networks the tests serve, sending through the socketless
 * {@link InMemoryDriver#handle} and decoding what comes back, and a driver context that records
 * lease events.
 */
final class Packets {
  static final byte DISCOVER = 1;
  static final byte OFFER = 2;
  static final byte REQUEST = 3;
  static final byte DECLINE = 4;
  static final byte ACK = 5;
  static final byte NAK = 6;
  static final byte RELEASE = 7;
  static final byte INFORM = 8;
  /** Where client packets come from unless a test says otherwise. */
  static final InetSocketAddress CLIENT = new InetSocketAddress(addr("10.0.0.99"), 68);
  static final InetSocketAddress BROADCAST = new InetSocketAddress(addr("255.255.255.255"), 68);

  private Packets() {}

  /** The MAC {@code fa:16:3e:00:00:n}. */
  static byte[] mac(int n) {
    return new byte[] {(byte) 0xfa, 0x16, 0x3e, 0, (byte) (n >> 8), (byte) n};
  }

  static String macText(int n) {
    return String.format("fa:16:3e:00:%02x:%02x", (n >> 8) & 0xff, n & 0xff);
  }

  static InetAddress addr(String ip) {
    try {
      return InetAddress.getByName(ip);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(ip, e);
    }
  }

  static byte[] ip(String ip) {
    return IpAddress.parse(ip).toBytes();
  }

  /** A BOOTREQUEST of a DHCP message type from an Ethernet client. */
  static DHCPPacket message(byte type, byte[] mac) {
    DHCPPacket p = new DHCPPacket();
    p.setOp((byte) 1);
    p.setHtype((byte) 1);
    p.setHlen((byte) 6);
    p.setXid(0x1234_5678);
    p.setChaddr(mac);
    p.setDhcp(true);
    p.setDHCPMessageType(type);
    return p;
  }

  static DHCPPacket discover(byte[] mac) {
    return message(DISCOVER, mac);
  }

  /** A REQUEST in SELECTING state: the offered address and the chosen server. */
  static DHCPPacket select(byte[] mac, String ip, String serverId) {
    DHCPPacket p = message(REQUEST, mac);
    p.setOptionRaw((byte) 50, ip(ip));
    p.setOptionRaw((byte) 54, ip(serverId));
    return p;
  }

  /** A REQUEST in INIT-REBOOT state: the remembered address, no server id, no ciaddr. */
  static DHCPPacket reboot(byte[] mac, String ip) {
    DHCPPacket p = message(REQUEST, mac);
    p.setOptionRaw((byte) 50, ip(ip));
    return p;
  }

  /** A REQUEST in RENEWING or REBINDING state: ciaddr set, no server id or requested ip. */
  static DHCPPacket renew(byte[] mac, String ciaddr) {
    DHCPPacket p = message(REQUEST, mac);
    p.setCiaddrRaw(ip(ciaddr));
    return p;
  }

  static DHCPPacket release(byte[] mac, String ciaddr, String serverId) {
    DHCPPacket p = message(RELEASE, mac);
    p.setCiaddrRaw(ip(ciaddr));
    p.setOptionRaw((byte) 54, ip(serverId));
    return p;
  }

  static DHCPPacket decline(byte[] mac, String ip, String serverId) {
    DHCPPacket p = message(DECLINE, mac);
    p.setOptionRaw((byte) 50, ip(ip));
    p.setOptionRaw((byte) 54, ip(serverId));
    return p;
  }

  static DHCPPacket inform(byte[] mac, String ciaddr) {
    DHCPPacket p = message(INFORM, mac);
    p.setCiaddrRaw(ip(ciaddr));
    return p;
  }

  /** Sends a packet from {@link #CLIENT} and returns the raw reply. */
  static Optional<DhcpReply> exchange(InMemoryDriver driver, DHCPPacket p) {
    return exchange(driver, p, CLIENT);
  }

  static Optional<DhcpReply> exchange(InMemoryDriver driver, DHCPPacket p,
      InetSocketAddress from) {
    return driver.handle(ByteBuffer.wrap(p.serialize()), from);
  }

  /** Sends a packet and decodes the reply, if any. */
  static Optional<DHCPPacket> send(InMemoryDriver driver, DHCPPacket p) {
    return exchange(driver, p).map(Packets::decode);
  }

  static DHCPPacket decode(DhcpReply reply) {
    return DHCPPacket.getPacket(reply.payload(), 0, reply.payload().length, true);
  }

  /** Runs DISCOVER and SELECTING REQUEST; returns the ACK. */
  static DHCPPacket dora(InMemoryDriver driver, byte[] mac) {
    DHCPPacket offer = send(driver, discover(mac)).orElseThrow();
    DHCPPacket req = message(REQUEST, mac);
    req.setOptionRaw((byte) 50, offer.getYiaddrRaw());
    req.setOptionRaw((byte) 54, offer.getOptionRaw((byte) 54));
    return send(driver, req).orElseThrow();
  }

  static String yiaddr(DHCPPacket p) {
    return p.getYiaddr().getHostAddress();
  }

  static String inet(byte[] raw) {
    return IpAddress.ofBytes(raw).toString();
  }

  /** A network with one IPv4 subnet 10.0.0.0/24, gateway .1, DNS .2, and these ports. */
  static NetworkSnapshot staticNetwork(Port... ports) {
    return NetworkSnapshot.of(Network.of("n1"), List.of(subnet().build()), List.of(ports));
  }

  /** The same network in dynamic mode with the pool 10.0.0.100-10.0.0.102. */
  static NetworkSnapshot dynamicNetwork(Port... ports) {
    return dynamicNetwork("10.0.0.100", "10.0.0.102", ports);
  }

  static NetworkSnapshot dynamicNetwork(String start, String end, Port... ports) {
    Subnet s = subnet().addressMode(AddressMode.DYNAMIC).pool(start, end).build();
    return NetworkSnapshot.of(Network.of("n1"), List.of(s), List.of(ports));
  }

  static Subnet.Builder subnet() {
    return Subnet.builder("s1", "n1", "10.0.0.0/24").gateway("10.0.0.1").dns("10.0.0.2");
  }

  /** Port {@code p<n>} with MAC {@link #mac(int) mac(n)} and a fixed IP on s1. */
  static Port.Builder port(int n, String ip) {
    return Port.builder("p" + n, "n1", macText(n)).fixedIp("s1", ip);
  }

  static Port port(int n, String ip, ExtraDhcpOption... options) {
    Port.Builder b = port(n, ip);
    for (ExtraDhcpOption o : options) {
      b.option(o);
    }
    return b.build();
  }

  /** A driver context with an injected clock that records lease events. Thread-safe. */
  static final class RecordingContext implements DriverContext {
    private final InstantSource clock;
    private final List<LeaseEvent> events = new ArrayList<>();

    RecordingContext(InstantSource clock) {
      this.clock = clock;
    }

    @Override
    public InstantSource clock() {
      return clock;
    }

    @Override
    public synchronized void leaseEvent(LeaseEvent event) {
      events.add(event);
    }

    synchronized List<LeaseEvent> events() {
      return List.copyOf(events);
    }

    synchronized List<LeaseEvent.Type> types() {
      return events.stream().map(LeaseEvent::type).toList();
    }

    synchronized Optional<Lease> last(LeaseEvent.Type type) {
      for (int i = events.size() - 1; i >= 0; i--) {
        if (events.get(i).type() == type) {
          return Optional.of(events.get(i).lease());
        }
      }
      return Optional.empty();
    }
  }
}
