package io.dhcpstate.benchmarks;

import io.dhcpstate.model.FixedIp;
import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.MacAddress;
import io.dhcpstate.model.Network;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.Port;
import io.dhcpstate.model.Subnet;
import io.dhcpstate.testkit.FakeNetworkSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * The networks every agent benchmark uses, built reproducibly from a seed. Each network has one
 * IPv4 subnet (a /12, room for a million ports) and ports of one shape: a UUID id, one MAC, one
 * fixed IPv4 address, a hostname, no extra options.
 */
final class Topology {
  static final String OWNER = "compute:nova";

  private final Random random;

  Topology(long seed) {
    this.random = new Random(seed);
  }

  /** A new random UUID as text: a valid identifier (hex digits and dashes, 36 chars). */
  String uuid() {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  static Network network(String id) {
    return new Network(id, "bench", true, Network.DEFAULT_MTU, Optional.empty(), 1);
  }

  static Subnet subnet(String id, String networkId) {
    return Subnet.builder(id, networkId, "10.0.0.0/12").gateway("10.0.0.1").revision(1).build();
  }

  /** The {@code index}-th port of a network: MAC fa:16:3e:xx:xx:xx and IP 10.0.0.2 + index. */
  Port port(String networkId, String subnetId, int index) {
    if (index >= (1 << 20) - 3) {
      throw new IllegalArgumentException("a /12 holds about a million ports: " + index);
    }
    MacAddress mac = MacAddress.of(0xfa163e000000L | index);
    IpAddress ip = IpAddress.ofV4(0x0A00_0002 + index);
    return new Port(uuid(), networkId, mac, List.of(new FixedIp(subnetId, ip)), OWNER, true,
        Optional.of("vm-" + index), List.of(), 1);
  }

  /** One network with its subnet and {@code ports} ports. */
  record Net(Network network, Subnet subnet, List<Port> ports) {
    NetworkSnapshot snapshot() {
      return NetworkSnapshot.of(network, List.of(subnet), ports);
    }

    /** The same content as a plain record, so the agent must validate and index it itself. */
    NetworkSnapshot plain() {
      return new PlainSnapshot(network, List.of(subnet), ports);
    }
  }

  Net net(int ports) {
    String networkId = uuid();
    Subnet subnet = subnet(uuid(), networkId);
    List<Port> list = new ArrayList<>(ports);
    for (int i = 0; i < ports; i++) {
      list.add(port(networkId, subnet.id(), i));
    }
    return new Net(network(networkId), subnet, List.copyOf(list));
  }

  List<Net> nets(int networks, int portsEach) {
    List<Net> out = new ArrayList<>(networks);
    for (int i = 0; i < networks; i++) {
      out.add(net(portsEach));
    }
    return out;
  }

  static FakeNetworkSource source(Collection<NetworkSnapshot> snapshots) {
    FakeNetworkSource source = new FakeNetworkSource();
    snapshots.forEach(source::put);
    return source;
  }
}
