package io.dhcpstate.model;

import io.dhcpstate.InvalidResourceException;
import io.dhcpstate.internal.Checks;

/**
 * A static route a subnet hands to its clients (DHCP option 121).
 *
 * @param destination the destination network
 * @param nexthop the gateway for it, of the same IP version
 */
public record HostRoute(IpPrefix destination, IpAddress nexthop) {

  /**
   * Validates both fields and that their versions match.
   *
   * @throws InvalidResourceException if a field is missing or the versions differ
   */
  public HostRoute {
    Checks.present("host_route", null, "destination", destination);
    Checks.present("host_route", null, "nexthop", nexthop);
    if (destination.version() != nexthop.version()) {
      Checks.fail("host_route", null, "nexthop", nexthop,
          "must be IPv" + destination.version().number() + " like destination " + destination);
    }
  }

  /**
   * Parses and builds a route.
   *
   * @param destination the destination CIDR text
   * @param nexthop the next hop address text
   * @return the route
   * @throws InvalidResourceException if either value is invalid
   */
  public static HostRoute of(String destination, String nexthop) {
    return new HostRoute(Values.prefix("host_route", null, "destination", destination),
        Values.ip("host_route", null, "nexthop", nexthop));
  }
}
