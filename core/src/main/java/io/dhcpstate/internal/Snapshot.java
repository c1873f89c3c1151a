package io.dhcpstate.internal;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.Violation;
import io.dhcpstate.model.FixedIp;
import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.MacAddress;
import io.dhcpstate.model.Network;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.NetworkValidator;
import io.dhcpstate.model.Port;
import io.dhcpstate.model.Subnet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The persistent implementation of {@link NetworkSnapshot}: ports live in three hash tries
 * (by id, MAC and IP) that share structure with the previous snapshot, so a port change costs
 * O(log32 n). Subnets, being few, are a small sorted list. Immutable.
 */
public final class Snapshot implements NetworkSnapshot {
  private final Network network;
  private final List<Subnet> subnets;
  private final PersistentMap<String, Port> byId;
  private final PersistentMap<MacAddress, Port> byMac;
  private final PersistentMap<IpAddress, Port> byIp;

  private Snapshot(Network network, List<Subnet> subnets, PersistentMap<String, Port> byId,
      PersistentMap<MacAddress, Port> byMac, PersistentMap<IpAddress, Port> byIp) {
    this.network = network;
    this.subnets = subnets;
    this.byId = byId;
    this.byMac = byMac;
    this.byIp = byIp;
  }

  /**
   * Builds a validated snapshot.
   *
   * @param network the network
   * @param subnets its subnets
   * @param ports its ports
   * @return the snapshot
   * @throws InvalidResourceException listing every broken rule
   */
  public static Snapshot of(Network network, Collection<Subnet> subnets, Collection<Port> ports) {
    Checks.present("network", null, "network", network);
    NetworkValidator.check(network, List.copyOf(subnets), List.copyOf(ports));
    Snapshot s = empty(network).withSubnetsUnchecked(subnets);
    for (Port p : ports) {
      s = s.withPortUnchecked(p);
    }
    return s;
  }

  /**
   * Returns a snapshot of a network with no subnets and no ports.
   *
   * @param network the network
   * @return the snapshot
   */
  public static Snapshot empty(Network network) {
    return new Snapshot(network, List.of(), PersistentMap.empty(), PersistentMap.empty(),
        PersistentMap.empty());
  }

  @Override
  public Network network() {
    return network;
  }

  @Override
  public Collection<Subnet> subnets() {
    return subnets;
  }

  @Override
  public Optional<Subnet> subnet(String subnetId) {
    for (Subnet s : subnets) {
      if (s.id().equals(subnetId)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  @Override
  public Collection<Port> ports() {
    return byId.values();
  }

  @Override
  public int portCount() {
    return byId.size();
  }

  @Override
  public Optional<Port> port(String portId) {
    return Optional.ofNullable(byId.get(portId));
  }

  @Override
  public Optional<Port> portByMac(MacAddress mac) {
    return Optional.ofNullable(byMac.get(mac));
  }

  @Override
  public Optional<Port> portByIp(IpAddress ip) {
    return Optional.ofNullable(byIp.get(ip));
  }

  /**
   * Returns a copy with another network record (same id).
   *
   * @param newNetwork the network
   * @return the copy
   */
  public Snapshot withNetwork(Network newNetwork) {
    if (!newNetwork.id().equals(network.id())) {
      throw new IllegalArgumentException("network id differs: " + newNetwork.id());
    }
    return new Snapshot(newNetwork, subnets, byId, byMac, byIp);
  }

  /**
   * Returns a copy with the port added or replaced, after checking it fits.
   *
   * @param port the port
   * @return the copy
   * @throws InvalidResourceException if the port breaks a cross-resource rule
   */
  public Snapshot withPort(Port port) {
    List<Violation> v = NetworkValidator.portViolations(this, port);
    if (!v.isEmpty()) {
      throw new InvalidResourceException(v);
    }
    return withPortUnchecked(port);
  }

  private Snapshot withPortUnchecked(Port port) {
    Port old = byId.get(port.id());
    PersistentMap<MacAddress, Port> macs = byMac;
    PersistentMap<IpAddress, Port> ips = byIp;
    if (old != null) {
      macs = macs.remove(old.mac());
      for (FixedIp f : old.fixedIps()) {
        ips = ips.remove(f.ip());
      }
    }
    macs = macs.put(port.mac(), port);
    for (FixedIp f : port.fixedIps()) {
      ips = ips.put(f.ip(), port);
    }
    return new Snapshot(network, subnets, byId.put(port.id(), port), macs, ips);
  }

  /**
   * Returns a copy without the port; the same snapshot when it is absent.
   *
   * @param portId the port id
   * @return the copy
   */
  public Snapshot withoutPort(String portId) {
    Port old = byId.get(portId);
    if (old == null) {
      return this;
    }
    PersistentMap<IpAddress, Port> ips = byIp;
    for (FixedIp f : old.fixedIps()) {
      ips = ips.remove(f.ip());
    }
    return new Snapshot(network, subnets, byId.remove(portId), byMac.remove(old.mac()), ips);
  }

  /**
   * Returns a copy with the subnet added or replaced, after checking the network stays valid
   * (costs O(ports), as subnet changes are rare).
   *
   * @param subnet the subnet
   * @return the copy
   * @throws InvalidResourceException if the network would break a rule
   */
  public Snapshot withSubnet(Subnet subnet) {
    List<Subnet> next = new ArrayList<>(subnets.size() + 1);
    for (Subnet s : subnets) {
      if (!s.id().equals(subnet.id())) {
        next.add(s);
      }
    }
    next.add(subnet);
    NetworkValidator.check(network, next, ports());
    return withSubnetsUnchecked(next);
  }

  private Snapshot withSubnetsUnchecked(Collection<Subnet> all) {
    List<Subnet> sorted = new ArrayList<>(all);
    sorted.sort(Comparator.comparing(Subnet::id));
    return new Snapshot(network, List.copyOf(sorted), byId, byMac, byIp);
  }

  /**
   * Returns a copy without the subnet; ports lose their fixed IPs on it (costs O(ports), as
   * subnet deletions are rare).
   *
   * @param subnetId the subnet id
   * @return the copy, or this snapshot when the subnet is absent
   */
  public Snapshot withoutSubnet(String subnetId) {
    if (subnet(subnetId).isEmpty()) {
      return this;
    }
    List<Subnet> next = new ArrayList<>(subnets);
    next.removeIf(s -> s.id().equals(subnetId));
    Snapshot s = withSubnetsUnchecked(next);
    for (Port p : ports()) {
      if (p.fixedIps().stream().anyMatch(f -> f.subnetId().equals(subnetId))) {
        List<FixedIp> kept = new ArrayList<>(p.fixedIps());
        kept.removeIf(f -> f.subnetId().equals(subnetId));
        s = s.withPortUnchecked(new Port(p.id(), p.networkId(), p.mac(), kept, p.deviceOwner(),
            p.adminStateUp(), p.hostname(), p.extraDhcpOptions(), p.revision()));
      }
    }
    return s;
  }

  @Override
  public String toString() {
    return "NetworkSnapshot[" + network.id() + ", " + subnets.size() + " subnets, "
        + byId.size() + " ports]";
  }
}
