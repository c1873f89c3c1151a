package io.dhcpstate.driver.inmemory.internal;

import io.dhcpstate.model.FixedIp;
import io.dhcpstate.model.HostRoute;
import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.IpPrefix;
import io.dhcpstate.model.IpVersion;
import io.dhcpstate.model.Network;
import io.dhcpstate.model.Port;
import io.dhcpstate.model.Subnet;
import io.dhcpstate.spi.DhcpSettings;
import io.dhcpstate.spi.MetadataRouteMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the server sends every client of one IPv4 subnet before per-client, global and port
 * options: mask, router, DNS, MTU, broadcast, routes (121/249), lease and renewal times, and
 * the server identifier. Immutable; rebuilt only when the subnet, the network, the DHCP port
 * or the settings change.
 */
public final class SubnetProfile {
  /** The metadata service's address. */
  static final IpPrefix METADATA = IpPrefix.parse("169.254.169.254/32");
  static final IpPrefix DEFAULT_ROUTE = IpPrefix.parse("0.0.0.0/0");
  static final IpAddress ANY = IpAddress.parse("0.0.0.0");

  final Subnet subnet;
  final IpAddress serverId;
  /** Lease seconds, or -1 for infinite. */
  final long leaseSeconds;
  /** Derived options by code, in the order they are written. */
  final Map<Integer, byte[]> derived;

  SubnetProfile(Subnet subnet, IpAddress serverId, long leaseSeconds,
      Map<Integer, byte[]> derived) {
    this.subnet = subnet;
    this.serverId = serverId;
    this.leaseSeconds = leaseSeconds;
    this.derived = Collections.unmodifiableMap(derived);
  }

  /**
   * Builds the profile of one subnet.
   *
   * @param network the network
   * @param subnet the IPv4 subnet
   * @param allSubnets the network's subnets, for on-link routes
   * @param dhcpPortIp the DHCP port's address on this subnet, if the network has one
   * @param fallbackServerId the driver's own address, if configured
   * @param settings the agent's settings
   * @return the profile
   */
  static SubnetProfile of(Network network, Subnet subnet, Collection<Subnet> allSubnets,
      Optional<IpAddress> dhcpPortIp, Optional<IpAddress> fallbackServerId,
      DhcpSettings settings) {
    IpPrefix cidr = subnet.cidr();
    IpAddress serverId = dhcpPortIp.or(() -> fallbackServerId)
        .or(subnet::gatewayIp).orElse(cidr.address().plus(1));
    Map<Integer, byte[]> o = new LinkedHashMap<>();
    o.put(1, cidr.netmask().toBytes());
    subnet.gatewayIp().ifPresent(g -> o.put(3, g.toBytes()));
    List<IpAddress> dns = subnet.dnsNameservers();
    boolean none = dns.size() == 1 && dns.get(0).isUnspecified();
    if (!dns.isEmpty() && !none) {
      o.put(6, OptionEncoder.ips(dns));
    }
    o.put(26, OptionEncoder.int16(network.mtu()));
    o.put(28, cidr.lastAddress().toBytes());
    List<HostRoute> routes = routes(subnet, allSubnets, dhcpPortIp, settings.metadataRoute());
    if (!routes.isEmpty()) {
      byte[] encoded = OptionEncoder.classlessRoutes(routes);
      o.put(121, encoded);
      o.put(249, encoded);
    }
    long lease = settings.leaseTime().map(d -> d.getSeconds()).orElse(-1L);
    o.put(51, OptionEncoder.int32(lease < 0 ? 0xffff_ffffL : lease));
    settings.renewalTime().ifPresent(t -> o.put(58, OptionEncoder.int32(t.getSeconds())));
    settings.rebindingTime().ifPresent(t -> o.put(59, OptionEncoder.int32(t.getSeconds())));
    o.put(54, serverId.toBytes());
    return new SubnetProfile(subnet, serverId, lease, o);
  }

  /**
   * The classless routes of a subnet: its host routes, on-link routes to the network's other
   * IPv4 subnets, the metadata route when configured, and the default route through the
   * gateway when any route is present (clients ignore option 3 when option 121 is sent).
   */
  static List<HostRoute> routes(Subnet subnet, Collection<Subnet> all,
      Optional<IpAddress> dhcpPortIp, MetadataRouteMode metadata) {
    List<HostRoute> routes = new ArrayList<>(subnet.hostRoutes());
    for (Subnet other : all) {
      if (other != subnet && other.ipVersion() == IpVersion.V4 && !other.id().equals(subnet.id())
          && routes.stream().noneMatch(r -> r.destination().equals(other.cidr()))) {
        routes.add(new HostRoute(other.cidr(), ANY));
      }
    }
    Optional<IpAddress> metadataHop = switch (metadata) {
      case VIA_DHCP_PORT -> dhcpPortIp;
      case VIA_GATEWAY -> subnet.gatewayIp();
      case OFF -> Optional.empty();
    };
    if (metadataHop.isPresent()
        && routes.stream().noneMatch(r -> r.destination().equals(METADATA))) {
      routes.add(new HostRoute(METADATA, metadataHop.get()));
    }
    if (!routes.isEmpty() && subnet.gatewayIp().isPresent()
        && routes.stream().noneMatch(r -> r.destination().equals(DEFAULT_ROUTE))) {
      routes.add(new HostRoute(DEFAULT_ROUTE, subnet.gatewayIp().get()));
    }
    return routes;
  }

  /** The DHCP port's address on a subnet, if the port exists and has one there. */
  static Optional<IpAddress> dhcpPortIp(Port dhcpPort, String subnetId) {
    if (dhcpPort == null) {
      return Optional.empty();
    }
    for (FixedIp f : dhcpPort.fixedIps()) {
      if (f.subnetId().equals(subnetId)) {
        return Optional.of(f.ip());
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the subnet.
   *
   * @return the subnet
   */
  public Subnet subnet() {
    return subnet;
  }

  /**
   * Returns the server identifier clients of this subnet see.
   *
   * @return the server address
   */
  public IpAddress serverId() {
    return serverId;
  }
}
