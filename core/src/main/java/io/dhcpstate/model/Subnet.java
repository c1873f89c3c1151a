package io.dhcpstate.model;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.internal.Checks;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An IP subnet on a network, with what DHCP needs to serve it. Immutable and validated on
 * construction; checks that need the whole network (ports inside it) are in
 * {@link NetworkValidator}.
 *
 * @param id the subnet's identifier
 * @param networkId the network it belongs to
 * @param cidr the subnet's prefix; its version is the subnet's {@link #ipVersion()}
 * @param enableDhcp whether DHCP serves this subnet
 * @param gatewayIp the router handed to clients (option 3), of the subnet's version; it may lie
 *     outside the subnet, as Neutron allows
 * @param dnsNameservers DNS servers for clients, in order, of the subnet's version, no
 *     duplicates, at most 32; {@code 0.0.0.0} or {@code ::} alone means "send none"
 * @param hostRoutes static routes for clients, at most 256, no duplicate destinations
 * @param allocationPools ranges a dynamic subnet allocates from: inside the subnet, not
 *     overlapping, at most 64
 * @param ipv6AddressMode how IPv6 hosts get addresses; empty for IPv4
 * @param ipv6RaMode how router advertisements are sent; empty for IPv4
 * @param addressMode static (known ports only) or dynamic (pools)
 * @param revision the controller's revision number, never negative
 */
public record Subnet(
    String id,
    String networkId,
    IpPrefix cidr,
    boolean enableDhcp,
    Optional<IpAddress> gatewayIp,
    List<IpAddress> dnsNameservers,
    List<HostRoute> hostRoutes,
    List<AllocationPool> allocationPools,
    Optional<Ipv6Mode> ipv6AddressMode,
    Optional<Ipv6Mode> ipv6RaMode,
    AddressMode addressMode,
    long revision) {

  private static final String R = "subnet";

  /**
   * Validates every field.
   *
   * @throws InvalidResourceException naming the subnet, the field and the value
   */
  public Subnet {
    Checks.id(R, id, "id", id);
    Checks.id(R, id, "networkId", networkId);
    Checks.present(R, id, "cidr", cidr);
    IpVersion v = cidr.version();
    Checks.optional(R, id, "gatewayIp", gatewayIp).ifPresent(g -> sameVersion(id, "gatewayIp", g, v));
    dnsNameservers = Checks.list(R, id, "dnsNameservers", dnsNameservers, 32);
    Set<IpAddress> seen = new HashSet<>();
    for (int i = 0; i < dnsNameservers.size(); i++) {
      IpAddress dns = dnsNameservers.get(i);
      sameVersion(id, "dnsNameservers[" + i + "]", dns, v);
      if (dns.isUnspecified() && dnsNameservers.size() > 1) {
        Checks.fail(R, id, "dnsNameservers[" + i + "]", dns,
            "the unspecified address means \"no DNS servers\" and must stand alone");
      }
      if (!seen.add(dns)) {
        Checks.fail(R, id, "dnsNameservers[" + i + "]", dns, "is listed twice");
      }
    }
    hostRoutes = Checks.list(R, id, "hostRoutes", hostRoutes, 256);
    Set<IpPrefix> destinations = new HashSet<>();
    for (int i = 0; i < hostRoutes.size(); i++) {
      HostRoute route = hostRoutes.get(i);
      sameVersion(id, "hostRoutes[" + i + "].nexthop", route.nexthop(), v);
      if (!destinations.add(route.destination())) {
        Checks.fail(R, id, "hostRoutes[" + i + "].destination", route.destination(),
            "is listed twice");
      }
    }
    allocationPools = Checks.list(R, id, "allocationPools", allocationPools, 64);
    for (int i = 0; i < allocationPools.size(); i++) {
      AllocationPool pool = allocationPools.get(i);
      if (!cidr.contains(pool.start()) || !cidr.contains(pool.end())) {
        Checks.fail(R, id, "allocationPools[" + i + "]", pool.start() + "-" + pool.end(),
            "must lie inside " + cidr);
      }
      for (int k = 0; k < i; k++) {
        if (pool.overlaps(allocationPools.get(k))) {
          Checks.fail(R, id, "allocationPools[" + i + "]", pool.start() + "-" + pool.end(),
              "overlaps allocationPools[" + k + "]");
        }
      }
    }
    Checks.optional(R, id, "ipv6AddressMode", ipv6AddressMode);
    Checks.optional(R, id, "ipv6RaMode", ipv6RaMode);
    if (v == IpVersion.V4 && ipv6AddressMode.isPresent()) {
      Checks.fail(R, id, "ipv6AddressMode", ipv6AddressMode.get().text(),
          "must be unset on an IPv4 subnet");
    }
    if (v == IpVersion.V4 && ipv6RaMode.isPresent()) {
      Checks.fail(R, id, "ipv6RaMode", ipv6RaMode.get().text(), "must be unset on an IPv4 subnet");
    }
    if (ipv6AddressMode.isPresent() && ipv6RaMode.isPresent()
        && ipv6AddressMode.get() != ipv6RaMode.get()) {
      Checks.fail(R, id, "ipv6RaMode", ipv6RaMode.get().text(),
          "must equal ipv6AddressMode " + ipv6AddressMode.get().text() + " when both are set");
    }
    Checks.present(R, id, "addressMode", addressMode);
    Checks.range(R, id, "revision", revision, 0, Long.MAX_VALUE);
  }

  private static void sameVersion(String id, String field, IpAddress ip, IpVersion v) {
    if (ip.version() != v) {
      Checks.fail(R, id, field, ip, "must be an IPv" + v.number() + " address like the cidr");
    }
  }

  /**
   * Returns the subnet's IP version, that of its CIDR.
   *
   * @return the version
   */
  public IpVersion ipVersion() {
    return cidr.version();
  }

  /**
   * Returns a copy with another revision.
   *
   * @param newRevision the revision
   * @return the copy
   */
  public Subnet withRevision(long newRevision) {
    return new Subnet(id, networkId, cidr, enableDhcp, gatewayIp, dnsNameservers, hostRoutes,
        allocationPools, ipv6AddressMode, ipv6RaMode, addressMode, newRevision);
  }

  /**
   * Starts a builder for a subnet; DHCP is on, the mode static, no gateway, revision 0.
   *
   * @param id the subnet id
   * @param networkId the network id
   * @param cidr the CIDR text, such as {@code 10.0.0.0/24}
   * @return a builder
   * @throws InvalidResourceException if the CIDR does not parse
   */
  public static Builder builder(String id, String networkId, String cidr) {
    return new Builder(id, networkId, Values.prefix(R, id, "cidr", cidr));
  }

  /** Collects a subnet's fields; {@link #build()} validates them. Not thread-safe. */
  public static final class Builder {
    private final String id;
    private final String networkId;
    private final IpPrefix cidr;
    private boolean enableDhcp = true;
    private Optional<IpAddress> gatewayIp = Optional.empty();
    private final List<IpAddress> dns = new ArrayList<>();
    private final List<HostRoute> routes = new ArrayList<>();
    private final List<AllocationPool> pools = new ArrayList<>();
    private Optional<Ipv6Mode> addressModeV6 = Optional.empty();
    private Optional<Ipv6Mode> raMode = Optional.empty();
    private AddressMode addressMode = AddressMode.STATIC;
    private long revision;

    private Builder(String id, String networkId, IpPrefix cidr) {
      this.id = id;
      this.networkId = networkId;
      this.cidr = cidr;
    }

    /**
     * Sets whether DHCP serves the subnet.
     *
     * @param on true to serve
     * @return this builder
     */
    public Builder enableDhcp(boolean on) {
      this.enableDhcp = on;
      return this;
    }

    /**
     * Sets the gateway.
     *
     * @param ip the gateway address text
     * @return this builder
     * @throws InvalidResourceException if it does not parse
     */
    public Builder gateway(String ip) {
      this.gatewayIp = Optional.of(Values.ip(R, id, "gatewayIp", ip));
      return this;
    }

    /**
     * Adds a DNS server.
     *
     * @param ip the address text
     * @return this builder
     * @throws InvalidResourceException if it does not parse
     */
    public Builder dns(String ip) {
      dns.add(Values.ip(R, id, "dnsNameservers[" + dns.size() + "]", ip));
      return this;
    }

    /**
     * Adds a host route.
     *
     * @param destination the destination CIDR text
     * @param nexthop the next hop text
     * @return this builder
     * @throws InvalidResourceException if either does not parse
     */
    public Builder route(String destination, String nexthop) {
      routes.add(HostRoute.of(destination, nexthop));
      return this;
    }

    /**
     * Adds an allocation pool.
     *
     * @param start the first address text
     * @param end the last address text
     * @return this builder
     * @throws InvalidResourceException if either does not parse
     */
    public Builder pool(String start, String end) {
      pools.add(AllocationPool.of(start, end));
      return this;
    }

    /**
     * Sets the IPv6 address and RA modes together.
     *
     * @param mode the mode
     * @return this builder
     */
    public Builder ipv6Mode(Ipv6Mode mode) {
      this.addressModeV6 = Optional.of(mode);
      this.raMode = Optional.of(mode);
      return this;
    }

    /**
     * Sets the address mode.
     *
     * @param mode static or dynamic
     * @return this builder
     */
    public Builder addressMode(AddressMode mode) {
      this.addressMode = mode;
      return this;
    }

    /**
     * Sets the revision.
     *
     * @param rev the revision
     * @return this builder
     */
    public Builder revision(long rev) {
      this.revision = rev;
      return this;
    }

    /**
     * Builds and validates the subnet.
     *
     * @return the subnet
     * @throws InvalidResourceException if any field is invalid
     */
    public Subnet build() {
      return new Subnet(id, networkId, cidr, enableDhcp, gatewayIp, dns, routes, pools,
          addressModeV6, raMode, addressMode, revision);
    }
  }
}
