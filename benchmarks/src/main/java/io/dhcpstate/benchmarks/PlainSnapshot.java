package io.dhcpstate.benchmarks;

import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.MacAddress;
import io.dhcpstate.model.Network;
import io.dhcpstate.model.NetworkSnapshot;
import io.dhcpstate.model.Port;
import io.dhcpstate.model.Subnet;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A network as a host application's own source might hand it over: plain lists, no indexes.
 * The agent cannot reuse it and builds (validates and indexes) its own snapshot from it, as it
 * would for any source that is not backed by dhcpstate's snapshots. Lookups scan; the agent
 * does not use them.
 */
record PlainSnapshot(Network network, List<Subnet> subnetList, List<Port> portList)
    implements NetworkSnapshot {

  @Override
  public Collection<Subnet> subnets() {
    return subnetList;
  }

  @Override
  public Optional<Subnet> subnet(String subnetId) {
    return subnetList.stream().filter(s -> s.id().equals(subnetId)).findFirst();
  }

  @Override
  public Collection<Port> ports() {
    return portList;
  }

  @Override
  public int portCount() {
    return portList.size();
  }

  @Override
  public Optional<Port> port(String portId) {
    return portList.stream().filter(p -> p.id().equals(portId)).findFirst();
  }

  @Override
  public Optional<Port> portByMac(MacAddress mac) {
    return portList.stream().filter(p -> p.mac().equals(mac)).findFirst();
  }

  @Override
  public Optional<Port> portByIp(IpAddress ip) {
    return portList.stream().filter(p -> p.fixedIps().stream().anyMatch(f -> f.ip().equals(ip)))
        .findFirst();
  }
}
