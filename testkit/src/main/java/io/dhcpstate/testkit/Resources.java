package io.dhcpstate.testkit;

import static io.dhcpstate.testkit.Draws.between;
import static io.dhcpstate.testkit.Draws.chance;

import io.dhcpstate.model.FixedIp;
import io.dhcpstate.model.IpAddress;
import io.dhcpstate.model.IpVersion;
import io.dhcpstate.model.Lease;
import io.dhcpstate.model.LeaseState;
import io.dhcpstate.model.MacAddress;
import io.dhcpstate.model.Network;
import io.dhcpstate.model.Port;
import io.dhcpstate.model.Subnet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.quicktheories.core.RandomnessSource;

/** Draws of networks, ports and leases. */
final class Resources {
  /** Latest lease expiry drawn: 2100-01-01. */
  private static final long MAX_EPOCH_SECOND = 4_102_444_800L;

  private Resources() {}

  /** Draws a network with a random id. */
  static Network network(RandomnessSource rs) {
    return network(rs, Names.id(rs));
  }

  /** Draws every field of a network but its id. */
  static Network network(RandomnessSource rs, String id) {
    int mtu = chance(rs, 50) ? Draws.pick(rs, List.of(1500, 1450, 1442, 9000, 68, 65535))
        : between(rs, 68, 65535);
    Optional<String> domain = chance(rs, 50) ? Optional.of(Names.dnsDomain(rs)) : Optional.empty();
    return new Network(id, Names.displayName(rs), chance(rs, 90), mtu, domain, revision(rs));
  }

  /** Draws a revision number, small or anywhere up to {@link Long#MAX_VALUE}. */
  static long revision(RandomnessSource rs) {
    return chance(rs, 70) ? between(rs, 0L, 1000L) : between(rs, 0L, Long.MAX_VALUE);
  }

  /** Draws a port on a subnet's network with one or two distinct fixed IPs inside it. */
  static Port port(RandomnessSource rs, Subnet subnet) {
    List<FixedIp> ips = new ArrayList<>(2);
    IpAddress first = Addresses.inside(rs, subnet.cidr());
    ips.add(new FixedIp(subnet.id(), first));
    if (chance(rs, 20)) {
      IpAddress second = Addresses.inside(rs, subnet.cidr());
      if (!second.equals(first)) {
        ips.add(new FixedIp(subnet.id(), second));
      }
    }
    return port(rs, Names.id(rs), subnet.networkId(), Addresses.mac(rs), ips,
        Names.deviceOwner(rs));
  }

  /** Draws the remaining fields of a port whose identity, MAC and fixed IPs are given. */
  static Port port(RandomnessSource rs, String id, String networkId, MacAddress mac,
      List<FixedIp> fixedIps, String deviceOwner) {
    Optional<String> hostname =
        chance(rs, 60) ? Optional.of(Names.hostname(rs)) : Optional.empty();
    return new Port(id, networkId, mac, fixedIps, deviceOwner, chance(rs, 90), hostname,
        Options.extraOptions(rs, 4), revision(rs));
  }

  /** Draws a lease: any state, a client id as colon hex or none, a host name or none. */
  static Lease lease(RandomnessSource rs) {
    IpVersion v = chance(rs, 80) ? IpVersion.V4 : IpVersion.V6;
    Optional<String> clientId = chance(rs, 50) ? Optional.of(clientId(rs)) : Optional.empty();
    Optional<String> hostname =
        chance(rs, 50) ? Optional.of(Names.hostname(rs)) : Optional.empty();
    Optional<Instant> expires = chance(rs, 90)
        ? Optional.of(Instant.ofEpochSecond(between(rs, 0L, MAX_EPOCH_SECOND)))
        : Optional.empty();
    return new Lease(Names.id(rs), Addresses.mac(rs), Addresses.ip(rs, v), clientId, hostname,
        expires, Draws.pick(rs, List.of(LeaseState.values())));
  }

  /** Draws a client identifier: 1 to 32 hex octets separated by colons. */
  static String clientId(RandomnessSource rs) {
    int n = between(rs, 1, 32);
    Draws.Bytes bytes = new Draws.Bytes(rs);
    StringBuilder sb = new StringBuilder(n * 3);
    for (int i = 0; i < n; i++) {
      String octet = String.format("%02x", bytes.next(256));
      sb.append(i == 0 ? "" : ":")
          .append(bytes.chance(20) ? octet.toUpperCase(Locale.ROOT) : octet);
    }
    return sb.toString();
  }
}
