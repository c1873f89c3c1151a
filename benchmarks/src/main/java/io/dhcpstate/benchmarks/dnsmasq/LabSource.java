package io.dhcpstate.benchmarks.dnsmasq;

import io.dhcpstate.model.Network;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.Port;
import io.dhcpstate.model.Subnet;
import io.dhcpstate.spi.NetworkSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lab's source of truth, kept current as a controller's database is: the benchmark records
 * every port change here before it submits the event, so a resync (after a driver failure)
 * re-reads the state the events describe instead of undoing them. A snapshot is built, and
 * validated, only when the agent asks. Thread-safe.
 */
final class LabSource implements NetworkSource {
  private record Entry(Network network, Subnet subnet, Map<String, Port> ports) {}

  private final ConcurrentHashMap<String, Entry> networks = new ConcurrentHashMap<>();

  /** Adds or replaces a network with these ports. */
  void put(Shape.Net net, Collection<Port> ports) {
    Map<String, Port> map = new ConcurrentHashMap<>(ports.size() * 2);
    ports.forEach(p -> map.put(p.id(), p));
    networks.put(net.id(), new Entry(net.network(), net.subnet(), map));
  }

  /** Records a created or updated port. */
  void put(Port port) {
    networks.get(port.networkId()).ports().put(port.id(), port);
  }

  /** Records a deleted port. */
  void delete(String networkId, String portId) {
    networks.get(networkId).ports().remove(portId);
  }

  void remove(String networkId) {
    networks.remove(networkId);
  }

  @Override
  public Collection<NetworkSnapshot> activeNetworks() {
    List<NetworkSnapshot> out = new ArrayList<>();
    for (String id : networks.keySet()) {
      network(id).ifPresent(out::add);
    }
    return out;
  }

  @Override
  public Optional<NetworkSnapshot> network(String networkId) {
    Entry e = networks.get(networkId);
    if (e == null) {
      return Optional.empty();
    }
    return Optional.of(NetworkSnapshot.of(e.network(), List.of(e.subnet()),
        List.copyOf(e.ports().values())));
  }
}
