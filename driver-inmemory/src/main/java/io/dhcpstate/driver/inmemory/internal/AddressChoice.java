package io.dhcpstate.driver.inmemory.internal;

import io.dhcpstate.driver.inmemory.internal.DhcpServer.Placement;
import io.dhcpstate.model.IpAddress;
import java.time.Instant;

/**
 * Which address a dynamic client gets, and when an address is free for it. Stateless; callers
 * hold the network's {@link LeaseTable} lock so that choosing and taking an address is one step.
 */
final class AddressChoice {
  private AddressChoice() {}

  /**
   * RFC 2131 §4.3.1: the client's current address, else its previous one, else the one it asks
   * for, each when still free for it; else a free address of the pools; null when none is left.
   */
  static IpAddress forOffer(Request req, Placement at, LeaseTable table, Instant now) {
    SubnetProfile profile = at.profile();
    LeaseEntry current = table.byClient(req.clientKey);
    if (current != null && assignable(at, profile, current.ip(), req.clientKey, table, now)) {
      return current.ip();
    }
    IpAddress previous = table.previousAddress(req.clientKey);
    if (previous != null && assignable(at, profile, previous, req.clientKey, table, now)) {
      return previous;
    }
    if (req.requestedIp.isPresent()
        && assignable(at, profile, req.requestedIp.get(), req.clientKey, table, now)) {
      return req.requestedIp.get();
    }
    return table.allocate(profile.subnet, req.clientKey, now, a -> reserved(at, profile, a));
  }

  /** Whether a dynamic client may have an address: in a pool, not a port's, free for it. */
  static boolean assignable(Placement at, SubnetProfile profile, IpAddress ip,
      String clientKey, LeaseTable table, Instant now) {
    return profile.subnet.allocationPools().stream().anyMatch(p -> p.contains(ip))
        && !reserved(at, profile, ip) && table.freeFor(ip, clientKey, now);
  }

  /** Addresses no dynamic client gets: ports' fixed IPs, the server's and the gateway's. */
  private static boolean reserved(Placement at, SubnetProfile profile, IpAddress ip) {
    return at.network().snapshot.portByIp(ip).isPresent() || ip.equals(profile.serverId)
        || profile.subnet.gatewayIp().map(ip::equals).orElse(false);
  }
}
