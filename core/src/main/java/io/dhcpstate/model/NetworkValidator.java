package io.dhcpstate.model;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.Violation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks that need more than one record: every subnet and port belongs to the network, no
 * two subnets share an id or overlap, each fixed IP lies inside an existing subnet of the
 * network, and no two ports share an id, a MAC or an IP. Stateless and thread-safe.
 */
public final class NetworkValidator {
  private NetworkValidator() {}

  /**
   * Lists every cross-resource rule the given network breaks; empty when it is valid.
   *
   * @param network the network
   * @param subnets its subnets
   * @param ports its ports
   * @return the violations, in a stable order
   */
  public static List<Violation> violations(
      Network network, Collection<Subnet> subnets, Collection<Port> ports) {
    List<Violation> out = new ArrayList<>();
    Map<String, Subnet> byId = new HashMap<>();
    for (Subnet s : subnets) {
      if (!s.networkId().equals(network.id())) {
        out.add(Violation.of("subnet", s.id(), "networkId", s.networkId(),
            "must be the network's id " + network.id()));
      }
      if (byId.putIfAbsent(s.id(), s) != null) {
        out.add(Violation.of("subnet", s.id(), "id", s.id(), "is used by two subnets"));
        continue;
      }
      for (Subnet other : byId.values()) {
        if (other != s && other.cidr().overlaps(s.cidr())) {
          out.add(Violation.of("subnet", s.id(), "cidr", s.cidr(),
              "overlaps subnet " + other.id() + " (" + other.cidr() + ")"));
        }
      }
    }
    Map<String, Port> portIds = new HashMap<>();
    Map<MacAddress, Port> macs = new HashMap<>();
    Map<IpAddress, Port> ips = new HashMap<>();
    for (Port p : ports) {
      if (portIds.putIfAbsent(p.id(), p) != null) {
        out.add(Violation.of("port", p.id(), "id", p.id(), "is used by two ports"));
        continue;
      }
      out.addAll(portViolations(network, byId::get, p,
          mac -> macs.get(mac), ip -> ips.get(ip)));
      macs.putIfAbsent(p.mac(), p);
      for (FixedIp f : p.fixedIps()) {
        ips.putIfAbsent(f.ip(), p);
      }
    }
    return out;
  }

  /**
   * Throws unless the network is valid.
   *
   * @param network the network
   * @param subnets its subnets
   * @param ports its ports
   * @throws InvalidResourceException listing every broken rule
   */
  public static void check(Network network, Collection<Subnet> subnets, Collection<Port> ports) {
    List<Violation> v = violations(network, subnets, ports);
    if (!v.isEmpty()) {
      throw new InvalidResourceException(v);
    }
  }

  /**
   * Lists the rules a port would break if put into a snapshot, replacing any port with its id.
   * Costs O(number of the port's fixed IPs), not O(ports in the network).
   *
   * @param snapshot the network as it is
   * @param port the new or updated port
   * @return the violations; empty when the port fits
   */
  public static List<Violation> portViolations(NetworkSnapshot snapshot, Port port) {
    return portViolations(snapshot.network(), id -> snapshot.subnet(id).orElse(null), port,
        mac -> snapshot.portByMac(mac).orElse(null), ip -> snapshot.portByIp(ip).orElse(null));
  }

  private static List<Violation> portViolations(
      Network network,
      java.util.function.Function<String, Subnet> subnets,
      Port p,
      java.util.function.Function<MacAddress, Port> macOwner,
      java.util.function.Function<IpAddress, Port> ipOwner) {
    List<Violation> out = new ArrayList<>(0);
    if (!p.networkId().equals(network.id())) {
      out.add(Violation.of("port", p.id(), "networkId", p.networkId(),
          "must be the network's id " + network.id()));
    }
    Port macHolder = macOwner.apply(p.mac());
    if (macHolder != null && !macHolder.id().equals(p.id())) {
      out.add(Violation.of("port", p.id(), "mac", p.mac(),
          "is already used by port " + macHolder.id()));
    }
    List<FixedIp> fixedIps = p.fixedIps();
    for (int i = 0; i < fixedIps.size(); i++) {
      FixedIp f = fixedIps.get(i);
      Subnet s = subnets.apply(f.subnetId());
      if (s == null) {
        out.add(Violation.of("port", p.id(), "fixedIps[" + i + "].subnetId", f.subnetId(),
            "is not a subnet of network " + network.id()));
      } else if (!s.cidr().contains(f.ip())) {
        out.add(Violation.of("port", p.id(), "fixedIps[" + i + "].ip", f.ip(),
            "is outside subnet " + s.id() + " (" + s.cidr() + ")"));
      }
      Port ipHolder = ipOwner.apply(f.ip());
      if (ipHolder != null && !ipHolder.id().equals(p.id())) {
        out.add(Violation.of("port", p.id(), "fixedIps[" + i + "].ip", f.ip(),
            "is already used by port " + ipHolder.id()));
      }
    }
    return out;
  }
}
