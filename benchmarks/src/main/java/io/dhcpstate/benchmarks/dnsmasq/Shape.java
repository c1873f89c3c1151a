package io.dhcpstate.benchmarks.dnsmasq;

import io.dhcpstate.model.ExtraDhcpOption;
import io.dhcpstate.model.FixedIp;
import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.MacAddress;
import io.dhcpstate.model.Network;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.Port;
import io.dhcpstate.model.Subnet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * The network shape of every dnsmasq benchmark, built reproducibly from a seed: one IPv4 subnet
 * 10.64.0.0/12 (gateway 10.64.0.1; the server's own address is {@link #SERVER_IP}) and ports of
 * the agent benchmarks' shape: a UUID id, one MAC, one fixed IPv4 address, a hostname and no
 * extra options.
 *
 * <p>Port {@code i} has MAC {@code fa:16:3e} followed by {@code i}, and either its home address
 * {@code 10.64.0.16 + i} or its away address {@code 10.68.0.16 + i}, so IP changes toggle
 * between two addresses no other port uses. Addresses from {@code 10.72.0.1} up are left for
 * the probe port of the visibility benchmark.
 */
final class Shape {
  static final String CIDR = "10.64.0.0/12";
  static final String GATEWAY = "10.64.0.1";
  /** The DHCP server's address on its veth end, set by {@code run.sh}. */
  static final String SERVER_IP = "10.79.255.254";
  static final int PREFIX = 12;
  static final String OWNER = "compute:nova";
  private static final int HOME = 0x0A40_0010;
  private static final int AWAY = 0x0A44_0010;
  private static final int PROBE = 0x0A48_0001;
  static final int MAX_PORTS = 200_000;

  private final Random random;

  Shape(long seed) {
    this.random = new Random(seed);
  }

  String uuid() {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  static MacAddress mac(int index) {
    return MacAddress.of(0xfa163e000000L | index);
  }

  static IpAddress home(int index) {
    return IpAddress.ofV4(HOME + index);
  }

  static IpAddress away(int index) {
    return IpAddress.ofV4(AWAY + index);
  }

  /** The {@code k}-th address the probe port moves to (k from 0). */
  static IpAddress probeAddress(int k) {
    return IpAddress.ofV4(PROBE + k % 60_000);
  }

  /** One network with its subnet and ports. */
  record Net(Network network, Subnet subnet, List<Port> ports) {
    String id() {
      return network.id();
    }

    NetworkSnapshot snapshot() {
      return NetworkSnapshot.of(network, List.of(subnet), ports);
    }
  }

  /** A network of {@code ports} ports, each at its home address. */
  Net net(int ports) {
    if (ports > MAX_PORTS) {
      throw new IllegalArgumentException("at most " + MAX_PORTS + " ports, asked " + ports);
    }
    String networkId = uuid();
    Network network = new Network(networkId, "bench", true, Network.DEFAULT_MTU,
        Optional.empty(), 1);
    Subnet subnet = Subnet.builder(uuid(), networkId, CIDR).gateway(GATEWAY).revision(1).build();
    List<Port> list = new ArrayList<>(ports);
    for (int i = 0; i < ports; i++) {
      list.add(port(uuid(), networkId, subnet.id(), mac(i), home(i), "vm-" + i, List.of(), 1));
    }
    return new Net(network, subnet, List.copyOf(list));
  }

  static Port port(String id, String networkId, String subnetId, MacAddress mac, IpAddress ip,
      String hostname, List<ExtraDhcpOption> options, long revision) {
    return new Port(id, networkId, mac, List.of(new FixedIp(subnetId, ip)), OWNER, true,
        Optional.of(hostname), options, revision);
  }

  /** The same port at another address, one revision later. */
  static Port moved(Port p, IpAddress ip) {
    return new Port(p.id(), p.networkId(), p.mac(),
        List.of(new FixedIp(p.fixedIps().get(0).subnetId(), ip)), p.deviceOwner(),
        p.adminStateUp(), p.hostname(), p.extraDhcpOptions(), p.revision() + 1);
  }

  /** The same port with other extra options, one revision later. */
  static Port withOptions(Port p, List<ExtraDhcpOption> options) {
    return new Port(p.id(), p.networkId(), p.mac(), p.fixedIps(), p.deviceOwner(),
        p.adminStateUp(), p.hostname(), options, p.revision() + 1);
  }

  /** The probe: port {@code p} with the client's MAC, a given address and no options. */
  static Port withMac(Port p, MacAddress mac, IpAddress ip) {
    return new Port(p.id(), p.networkId(), mac,
        List.of(new FixedIp(p.fixedIps().get(0).subnetId(), ip)), p.deviceOwner(),
        p.adminStateUp(), Optional.of("probe"), List.of(), p.revision());
  }
}
